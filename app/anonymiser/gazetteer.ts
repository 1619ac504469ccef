/**
 * The name gazetteer: about 197,000 given names and surnames from the `humannames` package.
 *
 * It says a word *can* be a name, never that it is one: it holds "Hope", "Will" and "Summer", but
 * also "Great", "Meeting" and "Lead". So the rules consult it only where a name is expected (after
 * a greeting, in a sign-off, after "ask" or "cc", before "at <company>") and never to find names
 * in running text.
 *
 * Memory: the list is read on first use from the package's own file (never bundled), lower-cased,
 * sorted and kept as one packed string with an offset table, about 2.5 MB, instead of a Set of
 * 197,000 strings (about 12 MB). Look-ups are a binary search.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface Packed {
  text: string;
  offsets: Uint32Array;
}

let packed: Packed | undefined;

function load(): Packed {
  if (packed) return packed;
  const file = createRequire(import.meta.url).resolve("humannames/list.txt");
  // One-letter entries ("A", "J") are initials, not names worth a look-up.
  const names = [
    ...new Set(
      readFileSync(file, "utf8")
        .toLowerCase()
        .split(/\r?\n/)
        .filter((n) => n.length > 1),
    ),
  ].sort();
  const offsets = new Uint32Array(names.length + 1);
  let at = 0;
  names.forEach((name, i) => {
    offsets[i] = at;
    at += name.length + 1;
  });
  offsets[names.length] = at;
  packed = { text: names.join("\n") + "\n", offsets };
  return packed;
}

/** Whether `word` (any case) is a given name or surname in the gazetteer. */
export function isGazetteerName(word: string): boolean {
  const { text, offsets } = load();
  const needle = word.toLowerCase();
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const entry = text.slice(offsets[mid], (offsets[mid + 1] ?? 0) - 1);
    if (entry === needle) return true;
    if (entry < needle) lo = mid + 1;
    else hi = mid;
  }
  return false;
}
