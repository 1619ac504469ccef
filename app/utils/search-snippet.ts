/**
 * A search result's snippet: a stretch of the text around the first matched word, as plain pieces
 * marked or not. The page renders the pieces as React text (escaped), each marked one inside <mark>:
 * nothing from a post is ever read as markup, and the marks are the only elements added.
 */
import { foldText } from "./search-text";

export interface SnippetPiece {
  text: string;
  marked: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A rough English stem, enough to mark "followed" for "following" (the index stems with Porter's). */
function stem(word: string): string {
  const cut = word.replace(/(ational|ations|ation|ings|ing|edly|ed|ies|es|s|ly|ment|ers|er)$/, "").replace(/e$/, "");
  return cut.length >= 3 ? cut : word;
}

/** Markdown's marks that would read as noise in a one-line snippet (the text is escaped either way). */
function plain(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s*(>\s*)+|^\s*#+/gm, " ")
    .replace(/[*_`~|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function matchedRanges(text: string, highlight: { word: string; prefix: boolean }[]): [number, number][] {
  const ranges: [number, number][] = [];
  const words = highlight.filter((h) => !CJK.test(h.word));
  const stems = new Set(words.filter((h) => !h.prefix).map((h) => stem(h.word)));
  const prefixes = words.filter((h) => h.prefix).map((h) => h.word);
  for (const m of text.matchAll(WORD)) {
    const folded = foldText(m[0]);
    if (stems.has(stem(folded)) || prefixes.some((p) => folded.startsWith(p)))
      ranges.push([m.index, m.index + m[0].length]);
  }
  for (const h of highlight) {
    if (!CJK.test(h.word)) continue;
    for (let at = text.indexOf(h.word); at !== -1; at = text.indexOf(h.word, at + h.word.length))
      ranges.push([at, at + h.word.length]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Up to about `max` characters of `text` around its first match, split into marked and plain pieces. */
export function snippet(source: string, highlight: { word: string; prefix: boolean }[], max = 240): SnippetPiece[] {
  const text = plain(source);
  const ranges = matchedRanges(text, highlight);
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(max / 3));
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  const end = Math.min(text.length, start + max);
  const pieces: SnippetPiece[] = [];
  const push = (from: number, to: number, marked: boolean) => {
    if (to > from) pieces.push({ text: text.slice(from, to), marked });
  };
  if (start > 0) pieces.push({ text: "…", marked: false });
  let at = start;
  for (const [from, to] of ranges) {
    if (from < at || to > end) continue;
    push(at, from, false);
    push(from, to, true);
    at = to;
  }
  push(at, end, false);
  if (end < text.length) pieces.push({ text: "…", marked: false });
  return pieces;
}
