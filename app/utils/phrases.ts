/**
 * The words and short phrases of a message, as the workshop compares them: lower-cased words,
 * and runs of two or three words that neither start nor end with a little word ("the", "you"),
 * never across punctuation. The anonymiser's placeholders ("[name]") are breaks, not words.
 * Pure, so the phrase statistics, the similar-message index and the page all split text alike.
 */

// Little words that carry no tone on their own; a phrase may hold them inside ("love to hear").
const STOPWORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have he her him his how i if in into " +
    "is it its me my no not of on or our she so than that the their them then there these they this those to too " +
    "us was we were what when where which who will with would you your yours i'm it's i've i'd i'll you're don't " +
    "am any all also just very"
  ).split(" "),
);

const PLACEHOLDER = /\[(?:name|email|phone|link|handle|company|address|place|detail)\]/g;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;
/** Enough for any message the forum takes; a longer paste is cut here, so work stays bounded. */
const MAX_CHARS = 5_000;

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Runs of words between punctuation, lower-cased, placeholders removed. */
export function wordRuns(text: string): string[][] {
  const clean = text.slice(0, MAX_CHARS).toLowerCase().replace(/[’‘]/g, "'").replace(PLACEHOLDER, " | ");
  return clean
    .split(/[.!?,;:()"“”|\n\u2026\u2013\u2014]+/)
    .map((run) => run.match(WORD) ?? [])
    .filter((run) => run.length > 0);
}

/** Words that are not stopwords, in order, with repeats: what the similarity index counts. */
export function contentWords(text: string): string[] {
  return wordRuns(text)
    .flat()
    .filter((w) => !STOPWORDS.has(w) && w.length > 1);
}

/** The distinct words and phrases of a text (1 to 3 words), at most `limit` of them. */
export function phrasesOf(text: string, limit = 300): string[] {
  const seen = new Set<string>();
  for (const run of wordRuns(text)) {
    for (let i = 0; i < run.length; i++) {
      if (STOPWORDS.has(run[i])) continue;
      for (let n = 1; n <= 3 && i + n <= run.length; n++) {
        const last = run[i + n - 1];
        if (STOPWORDS.has(last) || (n === 1 && last.length < 3)) continue;
        seen.add(run.slice(i, i + n).join(" "));
        if (seen.size >= limit) return [...seen];
      }
    }
  }
  return [...seen];
}
