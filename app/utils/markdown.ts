import { Marked, Renderer, Tokenizer, type Tokens, type TokenizerThis } from "marked";
import sanitizeHtml from "sanitize-html";
import { pairDelimiters, type DelimiterPair } from "./markdown-emphasis";
import { markdownLimitBreach } from "./markdown-limits";
import { boundNesting } from "./markdown-nesting";
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

// Pairings of the inline runs in the render under way, by masked source: a nested span's lexing runs
// between an outer run's openers, so the outer pairing must outlive it. Cleared for each render.
const pairings = new Map<string, Map<number, DelimiterPair>>();
let spanDepth = 0;
// Deeper emphasis than this shows nothing more to a reader (and the sanitiser unwraps it anyway); stopping
// here bounds the re-lexing of nested spans to a constant number of passes over the text.
const MAX_SPAN_DEPTH = 10;
// A post of thousands of emphasised fragments (`'*)'.repeat(10000)`) is noise, and each span costs the
// renderer and the sanitiser an element; past this many, markers are shown as typed.
const MAX_SPANS = 500;
let spans = 0;

/**
 * Emphasis and strikethrough from the linear pairing (./markdown-emphasis.ts) in place of marked's own
 * search, which is quadratic in the number of unmatched markers (issue 13). A delimiter with no pair is
 * left to marked's text tokenizer, as marked's own tokenizer does.
 */
function pairedSpan(lexer: TokenizerThis["lexer"], src: string, maskedSrc: string, chars: string) {
  if (!chars.includes(src[0])) return undefined;
  let pairing = pairings.get(maskedSrc);
  if (!pairing) {
    pairing = pairDelimiters(maskedSrc);
    pairings.set(maskedSrc, pairing);
  }
  const offset = maskedSrc.length - src.length;
  const pair = spanOpen() ? pairing.get(offset) : undefined;
  if (!pair) return unpairedRun(src, offset, pairing);
  const raw = src.slice(0, pair.end - offset);
  const text = raw.slice(pair.width, -pair.width);
  spans += 1;
  spanDepth += 1;
  try {
    const tokens = lexer.inlineTokens(text);
    const type = pair.char === "~" ? "del" : pair.width === 2 ? "strong" : "em";
    return { type, raw, text, tokens };
  } finally {
    spanDepth -= 1;
  }
}

function spanOpen(): boolean {
  return spanDepth < MAX_SPAN_DEPTH && spans < MAX_SPANS;
}

const DELIMITERS = "*_~";

/**
 * Delimiters that open nothing, taken as one text token up to the next one that does. Left to marked, each
 * unpaired marker is a token of its own that every inline rule is tried on: past MAX_SPANS, `'*_'.repeat(5000)`
 * was 9,000 such tokens and the slowest render of the fuzzer. Rendered as marked renders its own unpaired runs.
 */
function unpairedRun(src: string, offset: number, pairing: Map<number, DelimiterPair>): Tokens.Text {
  let end = 1;
  while (end < src.length && DELIMITERS.includes(src[end]) && !(spanOpen() && pairing.has(offset + end))) end += 1;
  const raw = src.slice(0, end);
  return { type: "text", raw, text: raw, escaped: false };
}

// marked's GFM text and link rules look ahead from every token for an e-mail address (`[\w.!#$%&'*+/=?_{|}~-]+@`),
// to the end of any run of such characters: quadratic on `'!'.repeat(20000)` or `'a_'.repeat(10000)` (issue 13).
// They are given a window of the text instead. Cut at a space when there is one, so an address (which holds
// none) is never split; only a run of over 128 non-space characters is cut blindly. A web address (`http://`,
// `www.`) is matched whole, as its own rule stops at the first space.
const TEXT_WINDOW = 128;
const ADDRESS_WINDOW = 256;
// A web address is read up to its first space, so at most this far: `'](http://a.b'.repeat(1600)` is otherwise one
// 20,000-character address read again at each of its 1,600 starts. Browsers' own practical limit is about 2,000.
const WEB_ADDRESS_WINDOW = 2_048;
const WEB_ADDRESS = /^(?:https?:\/\/|ftp:\/\/|www\.)/i;

function window(src: string, size: number): string {
  if (src.length <= size) return src;
  // Searched backwards in place rather than on a sliced copy: this runs once per inline token, and the copy
  // was a sixth of a worst-case render's time.
  const space = Math.max(src.lastIndexOf(" ", size - 1), src.lastIndexOf("\n", size - 1));
  return src.slice(0, space > 0 ? space + 1 : size);
}

function hostOf(href: string): string | null {
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" ? url.hostname.replace(/^www\./, "") : null;
  } catch {
    return null;
  }
}

/** The host a link's text names, when the text reads as a web address (`https://a.example/x`, `a.example`). */
function shownHost(text: string): string | null {
  const trimmed = text.replace(/[*_`~]/g, "").trim();
  if (/\s/.test(trimmed) || !/^(https?:\/\/)?[\w-]+(\.[\w-]+)+([/?#:].*)?$/i.test(trimmed)) return null;
  return hostOf(/^https?:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
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
    emStrong(src, maskedSrc) {
      // A text token for unpaired markers: marked's types say em/strong, but its lexer pushes any token.
      return pairedSpan(this.lexer, src, maskedSrc, "*_") as Tokens.Em | Tokens.Strong | undefined;
    },
    del(src, maskedSrc) {
      return pairedSpan(this.lexer, src, maskedSrc, "~") as Tokens.Del | undefined;
    },
    inlineText(src) {
      return Tokenizer.prototype.inlineText.call(this, window(src, TEXT_WINDOW));
    },
    url(src) {
      return Tokenizer.prototype.url.call(
        this,
        window(src, WEB_ADDRESS.test(src) ? WEB_ADDRESS_WINDOW : ADDRESS_WINDOW),
      );
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
    // A link whose text is an address other than its target (`[https://a.example](https://b.example)`) is
    // followed by the host it really goes to, so the text cannot pass one site off as another.
    link(token) {
      const html = Renderer.prototype.link.call(this, token) as string;
      // An address shown as itself (every autolink) needs no parsing: URL parsing was a quarter of a
      // many-links render.
      if (token.text === token.href) return html;
      const shown = shownHost(token.text);
      const target = shown && hostOf(token.href);
      return shown && target && shown !== target ? `${html} (${escapeHtml(target)})` : html;
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
  // New text past the limits is refused before it gets here (./markdown-limits.ts). Text stored before them
  // is rendered as Markdown up to the line or link that is one too many, and as plain text after it, so its
  // render stays bounded and every word still shows.
  const breach = markdownLimitBreach(markdown);
  if (!breach) return sanitizeHtml(markdownToUnsafeHtml(markdown), postSanitizeOptions);
  const head = sanitizeHtml(markdownToUnsafeHtml(markdown.slice(0, breach.at)), postSanitizeOptions);
  return head + plainTextHtml(markdown.slice(breach.at).replace(/^\n+/, ""));
}

/** Text as one escaped paragraph, line breaks kept: safe without the sanitiser, and linear in its length. */
function plainTextHtml(text: string): string {
  return `<p>${escapeHtml(text).replace(/\n/g, "<br>")}</p>`;
}

function markdownToUnsafeHtml(markdown: string): string {
  pairings.clear();
  spanDepth = 0;
  spans = 0;
  try {
    return markdownParser.parse(boundNesting(markdown), { async: false });
  } catch {
    // marked recurses once per nesting level: "> - > - …" a thousand levels
    // deep (4,000 characters) overflows the stack. One post must not take
    // its whole thread down, so it is shown as its literal text instead.
    return plainTextHtml(markdown);
  }
}
