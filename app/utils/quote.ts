/**
 * A reply's quote (issue 17): the words quoted as Markdown, then a link back to the post. Used by the
 * server for a Reply without JavaScript (the post's opening words) and by the browser for a member's
 * selection; both are capped, so a quote stays a reminder rather than a copy.
 */
export const QUOTE_MAX = 300;

/** The first paragraph of a text (blank lines separate paragraphs in Markdown and in plain text). */
export function firstParagraph(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      .split(/\n[ \t]*\n/)
      .find((p) => p.trim() !== "")
      ?.trim() ?? ""
  );
}

/** At most `max` characters, cut at a space where there is one, with "…" when something was cut. */
export function capWords(text: string, max = QUOTE_MAX): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const cut = trimmed.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * `> words` on every line, a blank line, then `[#N](href)`, and a blank line for the reply itself.
 * Nothing is quoted from an empty text: the link alone is still a reply.
 */
export function markdownQuote(words: string, { number, href }: { number: number; href: string }): string {
  const capped = capWords(words.replace(/\r\n?/g, "\n").replace(/\n{3,}/g, "\n\n"));
  const link = `[#${number}](${href})`;
  if (!capped) return `${link}\n\n`;
  const quoted = capped
    .split("\n")
    .map((line) => (line.trim() ? `> ${line}` : ">"))
    .join("\n");
  return `${quoted}\n\n${link}\n\n`;
}
