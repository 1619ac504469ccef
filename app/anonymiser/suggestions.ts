/**
 * "Are these names?": the words the anonymiser left in place but is unsure of, offered to the
 * member as one-press removals. Capitalised words no lexicon knows, names from the gazetteer it
 * kept because no slot called for them, and words in other scripts, which it reads least well.
 */
import { isGazetteerName } from "./gazetteer";
import { WORD_NAMES } from "./lexicon";
import type { SpanSet } from "./spans";
import { isOrdinary, type Token } from "./tokens";

const MAX_SUGGESTIONS = 10;
/** Words in a script other than Latin, short enough to be a name rather than a clause. */
const OTHER_SCRIPT_RE =
  /^[\p{sc=Han}\p{sc=Hangul}\p{sc=Katakana}\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Cyrillic}\p{sc=Greek}\p{sc=Thai}\p{sc=Devanagari}\p{M}]{1,6}$/u;

function unsure(t: Token): boolean {
  if (t.blocked || t.text.length < 2) return false;
  if (OTHER_SCRIPT_RE.test(t.text)) return t.cls !== "stop";
  if (t.shape !== "cap" || t.cls === "stop" || t.cls === "place") return false;
  if (t.cls === "unknown" && !isOrdinary(t)) return true;
  // A name it kept: known as one, or in the gazetteer and not an everyday word, away from a
  // sentence's start (where every word has a capital).
  if (t.sentenceStart) return false;
  return t.cls === "name" || WORD_NAMES.has(t.lower) || (!isOrdinary(t) && isGazetteerName(t.text));
}

/** The words to offer, in the order they appear, each once; none that was removed or kept on request. */
export function unsureWords(tokens: readonly Token[], removed: SpanSet, keep: ReadonlySet<string>): string[] {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const t of tokens) {
    if (words.length >= MAX_SUGGESTIONS) break;
    if (seen.has(t.lower) || keep.has(t.lower) || removed.overlaps(t.start, t.end) || !unsure(t)) continue;
    seen.add(t.lower);
    words.push(t.text);
  }
  return words;
}
