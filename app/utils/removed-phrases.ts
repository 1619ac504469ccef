/**
 * What an edit took out of a text: each run of words in `before` that is not in `after`, as the
 * phrase it was and as its words one by one. An example message's earlier versions are redacted
 * with these (decision 0009), so a detail the author or a moderator deleted by hand, not only one
 * the anonymiser caught, disappears from the history too. Rewording counts as removal: the
 * history is private (author and moderators), so taking out too much there costs little, and
 * taking out too little would leak.
 */

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’._@&+-]*[\p{L}\p{N}\p{M}]|[\p{L}\p{N}]/gu;
const PLACEHOLDER = /^\[[a-z]+\]$/;
// Single words too common to identify anyone: removing them from earlier versions only garbles them.
const COMMON = new Set(
  "a an and the of in on at to for from with by or but is are was were be been it its i me my you your we our they their he she him her this that these those as so if not no yes hi hello hey thanks thank dear".split(
    " ",
  ),
);
/** Past this many word pairs the word-by-word comparison would be slow: every missing word counts instead. */
const MAX_CELLS = 2_000_000;

interface Word {
  text: string;
  key: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    // "[name]" placeholders are not words of the text: the brackets keep them out of WORD's matches,
    // but their inner word ("name") must not be read as one either.
    if (text[start - 1] === "[" && text[start + m[0].length] === "]") continue;
    words.push({ text: m[0], key: m[0].toLowerCase(), start, end: start + m[0].length });
  }
  return words;
}

/** Which words of `a` belong to a longest common subsequence with `b`. */
function keptInOrder(a: Word[], b: Word[]): boolean[] {
  const kept = new Array<boolean>(a.length).fill(false);
  if (a.length * b.length > MAX_CELLS) {
    const inB = new Set(b.map((w) => w.key));
    return a.map((w) => inB.has(w.key));
  }
  const cols = b.length + 1;
  const table = new Uint16Array((a.length + 1) * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] =
        a[i].key === b[j].key
          ? table[(i + 1) * cols + j + 1] + 1
          : Math.max(table[(i + 1) * cols + j], table[i * cols + j + 1]);
    }
  }
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i].key === b[j].key) {
      kept[i] = true;
      i++;
      j++;
    } else if (table[(i + 1) * cols + j] >= table[i * cols + j + 1]) i++;
    else j++;
  }
  return kept;
}

export function removedPhrases(before: string, after: string): string[] {
  const a = wordsOf(before);
  const kept = keptInOrder(a, wordsOf(after));
  const out = new Set<string>();
  for (let i = 0; i < a.length;) {
    if (kept[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < a.length && !kept[j + 1]) j++;
    const phrase = before.slice(a[i].start, a[j].end).replace(/\s+/g, " ");
    if (j > i || !COMMON.has(a[i].key)) out.add(phrase);
    for (let k = i; k <= j && j > i; k++) if (!COMMON.has(a[k].key)) out.add(a[k].text);
    i = j + 1;
  }
  return [...out].filter((p) => !PLACEHOLDER.test(p));
}
