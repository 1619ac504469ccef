/**
 * The name gazetteer: about 197,000 given names and surnames from the `humannames` package.
 *
 * It says a word *can* be a name, never that it is one: it holds "Hope", "Will" and "Summer", but
 * also "Great", "Meeting" and "Lead". So the rules consult it only where a name is expected (after
 * a greeting, in a sign-off, after "ask" or "cc", before "at <company>") and never to find names
 * in running text.
 *
 * Memory: the package's list is read on first use (never bundled) and kept as the one string it is,
 * with a table of where each line starts: about 2.5 MB. It is sorted and every entry is written
 * "Capitalised", so a look-up is a binary search for the capitalised word, with no array of
 * 197,000 strings and no Set (which cost some 35 MB of resident memory when measured).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface Packed {
  text: string;
  /** Start of each entry in `text`; one more at the end, past the last. */
  starts: Uint32Array;
}

let packed: Packed | undefined;

function load(): Packed {
  if (packed) return packed;
  const text = readFileSync(createRequire(import.meta.url).resolve("humannames/list.txt"), "utf8");
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  const starts = new Uint32Array(count + 2);
  let n = 0;
  let at = 0;
  while (at < text.length) {
    starts[n++] = at;
    const end = text.indexOf("\n", at);
    at = end === -1 ? text.length : end + 1;
  }
  starts[n] = text.length;
  packed = { text, starts: starts.subarray(0, n + 1) };
  return packed;
}

/** The entry at index i, without its line ending. */
function entry({ text, starts }: Packed, i: number): string {
  return text.slice(starts[i], starts[i + 1]).replace(/\r?\n$/, "");
}

/** Whether `word` (any case) is a given name or surname in the gazetteer. One-letter entries are not. */
export function isGazetteerName(word: string): boolean {
  if (word.length < 2) return false;
  const list = load();
  const needle = word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
  let lo = 0;
  let hi = list.starts.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const found = entry(list, mid);
    if (found === needle) return true;
    if (found < needle) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
