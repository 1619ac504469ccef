/**
 * Text as the search index sees it, the same on both engines (decision 0015): folded in JavaScript
 * (diacritics off, lower case), so "Zoë" and "Zoe" are one word without PostgreSQL's `unaccent`; and
 * text in scripts written without spaces (Chinese, Japanese, Korean) turned into overlapping pairs
 * of characters, each spelled as digits, so both engines' ordinary word indexes can hold them.
 */

// Han, Hiragana, Katakana and Hangul: runs of these are not split into words by either engine.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
// Letters that carry no combining mark to remove but still have a plain spelling.
const PLAIN: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ł: "l", þ: "th", ı: "i" };

/** Lower case, no diacritics ("Zoë" → "zoe"); other scripts untouched. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßæœøđłþı]/g, (c) => PLAIN[c] ?? c);
}

/** A character as a token of six digits: digits pass both engines' tokenizers and stemmers untouched. */
function cjkCode(char: string): string {
  return String(char.codePointAt(0)).padStart(6, "0");
}

/** The CJK runs of a folded text. */
export function cjkRuns(text: string): string[] {
  return text.match(CJK) ?? [];
}

/**
 * A run's tokens: every pair of neighbouring characters (the usual CJK bigram index: a two-character
 * word, the commonest length in Chinese, is one token), and the run's last character alone so that a
 * one-character query finds it at the end of a run too. A trigram index finds nothing under three
 * characters, which is why it is not used.
 */
export function cjkTokens(run: string): string[] {
  const chars = [...run].map(cjkCode);
  const tokens: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i] + chars[i + 1]);
  if (chars.length > 0) tokens.push(chars[chars.length - 1]);
  return tokens;
}

/** What a query's CJK run must match: its pairs, in order (a phrase), or its one character as a prefix. */
export function cjkQuery(run: string): { tokens: string[]; prefix: boolean } {
  const chars = [...run].map(cjkCode);
  if (chars.length === 1) return { tokens: chars, prefix: true };
  return { tokens: cjkTokens(run).slice(0, -1), prefix: false };
}

export interface IndexedText {
  title: string;
  body: string;
  cjk: string;
}

/** Title and body folded, with the CJK runs moved out into their own column of tokens. */
export function indexedText(title: string, body: string): IndexedText {
  const foldedTitle = foldText(title);
  const foldedBody = foldText(body);
  const cjk = [...cjkRuns(foldedTitle), ...cjkRuns(foldedBody)].flatMap(cjkTokens);
  return {
    title: foldedTitle.replace(CJK, " "),
    body: foldedBody.replace(CJK, " "),
    cjk: cjk.join(" "),
  };
}
