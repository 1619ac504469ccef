/**
 * Pairs emphasis (`*`, `_`) and strikethrough (`~`) delimiters in one linear pass, with CommonMark's
 * delimiter-stack algorithm ("process emphasis", spec appendix A).
 *
 * Why not marked's own: for each opener it scans forward to the end of the paragraph for a closer, so
 * a paragraph of unmatched markers (`'**a_'.repeat(5000)`) costs seconds (issue 13). Here each
 * delimiter run is pushed once and removed once, and `openersBottom` keeps failed searches from being
 * repeated, as the spec's reference implementation does.
 *
 * Input is marked's masked source, in which code spans, links and escaped characters no longer hold
 * delimiters, so only real delimiter runs are seen.
 */

/** A matched pair: the opener starts at the map's key; the closer ends at `end` (exclusive). */
export interface DelimiterPair {
  end: number;
  /** Characters on each side: 1 (em, or `~` strikethrough) or 2 (strong, or `~~`). */
  width: number;
  char: "*" | "_" | "~";
}

interface Run {
  char: "*" | "_" | "~";
  /** Where the run began; it never changes, so it can mark how far a search went. */
  pos: number;
  /** Start of the characters still unmatched (closers are used from their start). */
  start: number;
  count: number;
  length: number;
  canOpen: boolean;
  canClose: boolean;
  prev: Run | null;
  next: Run | null;
}

// GFM, like marked, does not count `~` as punctuation around emphasis, so `~*a*~` still emphasises.
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /[\s\p{Zs}]/u;

function kindOf(ch: string | undefined): "space" | "punct" | "other" {
  if (ch === undefined || WHITESPACE.test(ch)) return "space";
  return ch !== "~" && PUNCTUATION.test(ch) ? "punct" : "other";
}

function delimiterRuns(text: string): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== "*" && ch !== "_" && ch !== "~") {
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < text.length && text[j] === ch) j += 1;
    const length = j - i;
    // Only `~` and `~~` strike through; a longer run of tildes is text.
    if (ch !== "~" || length <= 2) {
      const before = kindOf(text[i - 1]);
      const after = kindOf(text[j]);
      const left = after !== "space" && (after !== "punct" || before !== "other");
      const right = before !== "space" && (before !== "punct" || after !== "other");
      runs.push({
        char: ch,
        pos: i,
        start: i,
        count: length,
        length,
        canOpen: ch === "_" ? left && (!right || before === "punct") : left,
        canClose: ch === "_" ? right && (!left || after === "punct") : right,
        prev: null,
        next: null,
      });
    }
    i = j;
  }
  return runs;
}

function matches(opener: Run, closer: Run): boolean {
  if (opener.char !== closer.char || !opener.canOpen) return false;
  if (closer.char === "~") return opener.count === closer.count;
  // Rules 9 and 10: a run that can both open and close pairs only when the lengths' sum is no multiple of 3.
  const both = opener.canClose || closer.canOpen;
  return !(both && (opener.length + closer.length) % 3 === 0 && (opener.length % 3 !== 0 || closer.length % 3 !== 0));
}

/** The pairs in `text`, keyed by the index where each opener's characters start. */
export function pairDelimiters(text: string): Map<number, DelimiterPair> {
  const pairs = new Map<number, DelimiterPair>();
  const runs = delimiterRuns(text);
  for (let k = 0; k < runs.length; k += 1) {
    runs[k].prev = runs[k - 1] ?? null;
    runs[k].next = runs[k + 1] ?? null;
  }
  const remove = (run: Run) => {
    if (run.prev) run.prev.next = run.next;
    if (run.next) run.next.prev = run.prev;
  };
  // Lowest run an opener search may reach, per char, closer length mod 3 and whether the closer can open.
  const openersBottom = new Map<string, number>();
  let closer: Run | null = runs[0] ?? null;
  while (closer) {
    if (!closer.canClose) {
      closer = closer.next;
      continue;
    }
    const key = `${closer.char}${closer.length % 3}${closer.canOpen}`;
    const bottom = openersBottom.get(key) ?? -1;
    let opener = closer.prev;
    while (opener && opener.pos > bottom && !matches(opener, closer)) opener = opener.prev;
    if (opener && opener.pos > bottom) {
      const width = closer.char === "~" ? closer.count : opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      opener.count -= width;
      pairs.set(opener.start + opener.count, { end: closer.start + width, width, char: closer.char });
      closer.start += width;
      closer.count -= width;
      // Delimiters between a matched pair can no longer pair across it.
      opener.next = closer;
      closer.prev = opener;
      if (opener.count === 0) remove(opener);
      if (closer.count === 0) {
        remove(closer);
        closer = closer.next;
      }
    } else {
      openersBottom.set(key, closer.prev?.pos ?? -1);
      const next: Run | null = closer.next;
      if (!closer.canOpen) remove(closer);
      closer = next;
    }
  }
  return pairs;
}
