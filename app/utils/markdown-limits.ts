/**
 * How much structure one Markdown post may hold: at most MAX_MARKDOWN_LINES lines and MAX_MARKDOWN_LINKS links.
 *
 * Why: after issue 13's fixes nothing in rendering is worse than linear, but each line (a list item, a heading,
 * a line break) and each link is an element that marked, the link checks and sanitize-html each pay for. A
 * comment of 5,000 one-character list items or 800 links took 40–60 ms, past the 50 ms a render may take.
 * Real posts are nowhere near: the seeded threads and the 6,300 texts of the anonymiser's corpus have at most
 * 11 lines and 3 links. So a post past these limits is refused beside its field (on writing and on preview),
 * and one already stored renders its first part as Markdown and the rest as plain text (renderMarkdown).
 *
 * Counted on the source, in one pass, before any rendering: a link is anything that can become one (`](`,
 * `][`, a web address's start, an e-mail address's `@`; every `]` once the post defines a reference link).
 * That overcounts (`[a](http://b)` is two), which only matters far above what anyone writes.
 */

export const MAX_MARKDOWN_LINES = 1_000;
export const MAX_MARKDOWN_LINKS = 200;

export const TOO_MANY_LINES = `A post can have at most ${MAX_MARKDOWN_LINES.toLocaleString("en-GB")} lines.`;
export const TOO_MANY_LINKS = `A post can have at most ${MAX_MARKDOWN_LINKS} links and web or e-mail addresses.`;

// A reference definition (`[label]: target`) turns every `[label]` elsewhere into a link.
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;
const LINK_OR_LINE = /\n|\]\(|\]\[|https?:\/\/|www\.|[\w.+-]@[\w-]/gi;
const LINK_OR_LINE_WITH_REFERENCES = /\n|\]|https?:\/\/|www\.|[\w.+-]@[\w-]/gi;

/**
 * Where the text first goes past a limit (the index of the line break or link that is one too many), with the
 * message to show; null when it stays within both.
 */
export function markdownLimitBreach(markdown: string): { at: number; message: string } | null {
  const pattern = REFERENCE_DEFINITION.test(markdown) ? LINK_OR_LINE_WITH_REFERENCES : LINK_OR_LINE;
  let lines = 1;
  let links = 0;
  for (const match of markdown.matchAll(pattern)) {
    if (match[0] === "\n") {
      lines += 1;
      if (lines > MAX_MARKDOWN_LINES) return { at: match.index, message: TOO_MANY_LINES };
    } else {
      links += 1;
      if (links > MAX_MARKDOWN_LINKS) return { at: match.index, message: TOO_MANY_LINKS };
    }
  }
  return null;
}

/** The message to show beside a Markdown field whose text is past a limit, or null. */
export function markdownLimitMessage(markdown: string): string | null {
  return markdownLimitBreach(markdown)?.message ?? null;
}
