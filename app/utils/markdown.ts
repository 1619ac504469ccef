import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { escapeHtml } from "./plain-text";

/**
 * Markdown for member posts. Other people's words are the product's
 * responsibility, so rendering happens in two independent layers:
 *
 * 1. marked, configured so that it never passes member-written HTML through
 *    (raw HTML is shown as text) and never emits an image;
 * 2. sanitize-html with an explicit allowlist, which is the security
 *    boundary: even if layer 1 regressed, only the tags, attributes and URLs
 *    below can reach the page.
 */

const LINK_REL = "nofollow ugc noopener";

const ALLOWED_URL_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

// Resolution base for same-site links. `.invalid` can never be a real host,
// so "resolves to this origin" really does mean "stays on our site".
const SAME_SITE_BASE = new URL("https://same-site.invalid/");

const CODE_LANGUAGE_CLASS = /^language-[\w+#.-]{1,40}$/;

const TABLE_ALIGN = {
  name: "align",
  multiple: false,
  values: ["left", "center", "right"],
};

/**
 * Returns the URL a post may link to, or undefined when the link must go.
 *
 * `href` arrives entity-decoded from sanitize-html's parser. We first undo
 * what browsers silently ignore (leading/trailing controls and spaces, tabs
 * and newlines anywhere — the WHATWG URL parser strips them), then let the
 * WHATWG parser decide the scheme. The returned value is the parser's own
 * serialisation, so what the browser follows is exactly what we checked.
 *
 * Relative links: only `#fragment` and single-slash `/paths` (for linking
 * to other threads). They are kept only if they resolve to our own origin,
 * which rules out `//host`, `/\host` and similar protocol-relative forms.
 * Other relative forms (`foo/bar`, `?q`) depend on the page they are shown
 * on, so they are dropped rather than guessed at.
 */
function safeHref(href: string): string | undefined {
  const cleaned = href.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");

  try {
    if (cleaned.startsWith("#") || cleaned.startsWith("/")) {
      const url = new URL(cleaned, SAME_SITE_BASE);
      if (url.origin !== SAME_SITE_BASE.origin) return undefined;
      // A bare "#" has an empty hash; keep it a fragment link, not "".
      if (cleaned.startsWith("#")) return url.hash || "#";
      return url.pathname + url.search + url.hash;
    }
    const url = new URL(cleaned);
    return ALLOWED_URL_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    // Unparseable (e.g. "//[", or no scheme at all): not a link we can vouch for.
    return undefined;
  }
}

const markdownParser = new Marked({
  async: false,
  gfm: true,
  // Forum members press Enter expecting a new line; the CommonMark rule of
  // "two trailing spaces" is invisible and surprising. GitHub comments make
  // the same choice.
  breaks: true,
  tokenizer: {
    // Raw HTML is never recognised, so `<div>` or `<script>` typed into a
    // post is lexed as ordinary text and shown literally (escaped). People
    // paste markup into questions; silently deleting it would lose their
    // words. Markdown around and between the tags still works.
    html() {
      return undefined;
    },
    tag() {
      return undefined;
    },
  },
  renderer: {
    // A post must never outrank the page's own h1/h2: `#` → h3, deeper → h6.
    heading({ tokens, depth }) {
      const level = Math.min(depth + 2, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // Images would let any post load third-party content (tracking pixels,
    // huge files) for every reader, so they become ordinary links. An empty
    // alt text falls back to the URL so the link is still visible.
    image(token) {
      const tokens: Tokens.Image["tokens"] =
        token.tokens.length > 0 ? token.tokens : [{ type: "text", raw: token.href, text: token.href }];
      return this.link({ ...token, type: "link", tokens });
    },
    // Task-list checkboxes would need <input>; keep the author's intent as
    // plain text instead.
    checkbox({ checked }) {
      return checked ? "[x] " : "[ ] ";
    },
  },
});

const postSanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "em",
    "strong",
    "del",
    "s",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    ol: ["start"],
    th: [TABLE_ALIGN],
    td: [TABLE_ALIGN],
  },
  // Only fenced-code language hints, for a future syntax highlighter; the
  // pattern keeps them from colliding with the site's own class names.
  allowedClasses: { code: [CODE_LANGUAGE_CLASS] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Elements nested deeper than this are unwrapped (their text stays), so a
  // post of ">>>>…" cannot indent itself off the page or provoke browsers'
  // own deep-nesting repairs. Real posts stay far below it.
  nestingLimit: 32,
  transformTags: {
    a(_tagName, attribs) {
      // rel is always ours: no following member links for ranking (ugc,
      // nofollow), no window.opener handle. No target: links open in place.
      const kept: sanitizeHtml.Attributes = { rel: LINK_REL };
      const href = attribs.href === undefined ? undefined : safeHref(attribs.href);
      if (href !== undefined) kept.href = href;
      if (attribs.title) kept.title = attribs.title;
      return { tagName: "a", attribs: kept };
    },
  },
  // A link whose href did not survive is unwrapped: its text stays, the <a>
  // goes. (Renaming it to a disallowed tag in transformTags instead leaks
  // that name onto the next sibling's closing tag in sanitize-html 2.17.)
  exclusiveFilter: (frame) => (frame.tag === "a" && frame.attribs.href === undefined ? "excludeTag" : false),
};

/** Renders a member's Markdown post to HTML that is safe to inject as-is. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(markdownToUnsafeHtml(markdown), postSanitizeOptions);
}

function markdownToUnsafeHtml(markdown: string): string {
  try {
    return markdownParser.parse(markdown, { async: false });
  } catch {
    // marked recurses once per nesting level: "> - > - …" a thousand levels
    // deep (4,000 characters) overflows the stack. One post must not take
    // its whole thread down, so it is shown as its literal text instead.
    return `<p>${escapeHtml(markdown).replace(/\n/g, "<br>")}</p>`;
  }
}
