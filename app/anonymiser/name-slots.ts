/**
 * Names found by where they stand, whatever the word and its case: the greeted name ("hey hope,"),
 * the vocative ("thx, jon!"), the person after "ask", "cc" or "talk to" ("talk to summer at
 * stripe"), a person at an employer ("Dawn at Ramp"), and initials (DJ, AK, J.R.). The gazetteer
 * says a word can be a name; the slot says it is one here, so "I hope" stays and "hey hope," goes.
 */
import { isGazetteerName } from "./gazetteer";
import {
  CALENDAR_NAMES,
  EMPLOYER_BRANDS,
  EVERYDAY_NOUNS,
  GENERIC_ADDRESSEES,
  GREETINGS,
  NOT_NAMES,
  WORD_NAMES,
} from "./lexicon";
import { matches, type SpanSet } from "./spans";
import { addRun, isOrdinary, joinsName, type Token } from "./tokens";

/** Words that open a message and are followed by whom it addresses. */
const OPENERS = new Set([...GREETINGS, "thx", "ty", "tysm", "ta", "cheers", "thanks", "yo", "sup"]);

/** Whom a greeting may address without naming anyone ("hey all", "thanks mate"). */
const NOT_ADDRESSEES = new Set([
  ...GENERIC_ADDRESSEES,
  ..."all there everyone everybody team folks guys y'all again both you friend friends people mate dude bro sis man pal hun babe chief boss fam buddy love dear so much again anh chị em cô chú bác ông bà".split(
    " ",
  ),
]);

/** Words before a person: "ask sam", "cc AK", "talk to summer", "thanks to Hope". */
const SLOT_CUES = new Set(
  "ask asked asking cc cc'd cc'ing looping ping pinged tell told try colleague friend teammate manager boss contact with to met meet meeting call called email emailed text texted dm message messaged introduce introduced loop looped thank thanked via"
    .split(" ")
    .filter((w) => w !== ""),
);

/** Cues after which only a person stands, not a time zone or a product: "cc", "ask". */
const PERSON_ONLY_CUES = new Set([
  "ask",
  "asked",
  "cc",
  "cc'd",
  "ping",
  "pinged",
  "tell",
  "told",
  "met",
  "thank",
  "thanked",
  "cc'ing",
  "looping",
  "colleague",
  "friend",
  "teammate",
]);

/** Lower-case two-letter words of English, so that "ty mk!" and "ping ej" read as initials but "ty so" does not. */
const TWO_LETTER_WORDS = new Set(
  "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ya yo ur uh um ah aw eh ha hm".split(
    " ",
  ),
);

/** A word in a script without case (Han, Hangul, Arabic…): after a cue it is a name. */
const CASELESS_NAME_RE = /^[\p{sc=Han}\p{sc=Hangul}\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Thai}\p{sc=Devanagari}]{1,12}$/u;

/** Two-letter and three-letter capitals that are initials ("DJ", "AK"), not acronyms we list. */
const INITIALS_RE = /^\p{Lu}{2,3}$/u;
/** "J.R.", "A.K.": dotted initials, except the few that are places or Latin ("U.S.", "e.g."). */
const DOTTED_INITIALS_RE = /(?<![\p{L}.])(?:\p{Lu}\.){2,3}(?![\p{L}])/gu;
const NOT_INITIALS = new Set(["U.S.", "U.K.", "E.U.", "D.C.", "L.A.", "N.Y.", "P.S.", "A.M.", "P.M.", "Q.A.", "U.N."]);

/** Whether the text right after `end` closes an address: ",", "!", ":", ".", a dash, a line end. */
const closes = (text: string, end: number): boolean =>
  /^(?:[ \t]*(?:[,!:;.?]|[-–—](?=[ \t])|\n|$)|[ \t]*$)/.test(text.slice(end, end + 3));

/** The word can be a person's name: a listed given name, or any word the gazetteer knows. */
function canBeName(t: Token | undefined, lowercaseStyle = false): t is Token {
  if (t === undefined || t.blocked || NOT_ADDRESSEES.has(t.lower)) return false;
  if (CASELESS_NAME_RE.test(t.text)) return true;
  if (lowercaseStyle && /^[a-z]{2}$/.test(t.text) && !TWO_LETTER_WORDS.has(t.text)) return true; // "mk", "ej"
  if (t.text.length < 2) return false;
  if (WORD_NAMES.has(t.lower) || t.cls === "name") return true;
  if (t.cls === "stop" || t.cls === "place") return false;
  if (/^\p{Lu}{2,3}$/u.test(t.text)) return true; // initials: "AK", "DJ"
  return isGazetteerName(t.text);
}

/** Whether the word is an ordinary word of English rather than a likely name. */
const ordinaryWord = (t: Token): boolean =>
  (isOrdinary(t) || t.cls === "word") && !WORD_NAMES.has(t.lower) && t.cls !== "name";

/** A surname after a given name in the same case ("hope adeyemi", "DAWN PRICE"). */
function surnameEnd(tokens: Token[], k: number): number {
  const first = tokens[k];
  const next = tokens[k + 1];
  if (first === undefined || next === undefined || !joinsName(next.gap) || next.shape !== first.shape) return k + 1;
  if (!canBeName(next) || ordinaryWord(next)) return k + 1;
  return k + 2;
}

/** "<name> at/from/@ <employer>": does an employer follow the word at k? */
function employerFollows(tokens: Token[], k: number, lowercaseStyle: boolean): boolean {
  const a = tokens[k + 1];
  if (a === undefined || a.blocked) return false;
  // "PM @ Notion": the "@" sits in the gap before the employer.
  if (/^[ \t]*@[ \t]*$/.test(a.gap)) return a.cls !== "stop" || EMPLOYER_BRANDS.has(a.lower);
  const b = tokens[k + 2];
  if (!/^(?:at|from)$/.test(a.lower) || !joinsName(a.gap) || b === undefined || b.blocked || !joinsName(b.gap)) {
    return false;
  }
  if (b.cls === "stop" || b.cls === "place" || EVERYDAY_NOUNS.has(b.lower)) return EMPLOYER_BRANDS.has(b.lower);
  return b.shape !== "lower" || lowercaseStyle;
}

export function findNameSlots(text: string, tokens: Token[], lowercaseStyle: boolean, out: SpanSet): void {
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.blocked || next === undefined || next.blocked) return;

    // "hey hope,", "HI DAWN!", "thx jon,": the greeted word, closed by punctuation.
    if (OPENERS.has(t.lower) && t.sentenceStart && /^[ \t]{1,2},?[ \t]{0,2}$|^,[ \t]?$/.test(next.gap)) {
      if (
        canBeName(next, lowercaseStyle) &&
        (!ordinaryWord(next) || next.shape !== "lower" || WORD_NAMES.has(next.lower))
      ) {
        const end = surnameEnd(tokens, i + 1);
        const last = tokens[end - 1];
        if (last !== undefined && closes(text, last.end)) {
          addRun(tokens, i + 1, end, "name", out);
          return;
        }
      }
    }

    // "ask sam at stripe", "talk to summer at …", "cc AK", "with Brook from Plaid".
    const loopingIn = t.lower === "in" && /^(?:loop|looping|looped)$/.test(tokens[i - 1]?.lower ?? "");
    if ((SLOT_CUES.has(t.lower) || loopingIn) && joinsName(next.gap) && canBeName(next, lowercaseStyle)) {
      // Initials: two capitals after any cue ("talk to DJ"), three only after a cue that takes a
      // person ("cc AKM"), and never before a noun they qualify ("with SAP experience").
      const upperInitials =
        INITIALS_RE.test(next.text) &&
        next.cls !== "stop" &&
        (next.text.length === 2 || PERSON_ONLY_CUES.has(t.lower)) &&
        !/^[ \t]+\p{Ll}/u.test(
          text
            .slice(next.end, next.end + 3)
            .replace(
              /^[ \t]+(?:and|at|from|on|about|for|if|can|will|would|could|is|was|has|said|says|mentioned|knows|leads|runs)\b/,
              "",
            ),
        );
      const atEmployer = employerFollows(tokens, i + 1, lowercaseStyle);
      const known = next.cls === "name" || (next.cls === "unknown" && !isOrdinary(next));
      const wordName = WORD_NAMES.has(next.lower) && !CALENDAR_NAMES.has(next.lower);
      const cased = next.shape === "cap";
      const lowerInitials = lowercaseStyle && /^[a-z]{2}$/.test(next.text) && !TWO_LETTER_WORDS.has(next.text);
      const sure =
        upperInitials ||
        lowerInitials ||
        CASELESS_NAME_RE.test(next.text) ||
        (WORD_NAMES.has(next.lower) && lowercaseStyle && (PERSON_ONLY_CUES.has(t.lower) || loopingIn)) ||
        (wordName && cased && PERSON_ONLY_CUES.has(t.lower)) ||
        (loopingIn && next.shape === "cap") ||
        atEmployer ||
        (known && (next.shape === "cap" || lowercaseStyle)) ||
        (wordName && cased && closes(text, next.end)) ||
        (cased && !ordinaryWord(next) && closes(text, next.end));
      if (sure && !NOT_NAMES.has(next.lower)) {
        addRun(tokens, i + 1, surnameEnd(tokens, i + 1), "name", out);
        return;
      }
    }

    // "thanks, will!", "sounds good, Hope.": a vocative closing a short clause.
    if (/^,[ \t]{1,2}$/.test(next.gap) && canBeName(next) && closes(text, next.end)) {
      // Only at the end of a short clause that opened with a greeting, thanks or an answer.
      let k = i;
      while (k > 0 && !tokens[k]?.sentenceStart && i - k < 6) k--;
      const opener = tokens[k];
      const short = opener !== undefined && opener.sentenceStart && i - k < 6;
      const friendly =
        opener !== undefined &&
        (OPENERS.has(opener.lower) ||
          /^(?:yes|no|sure|ok|okay|sorry|great|good|sounds|congrats|congratulations|welcome|bye|see)$/.test(
            opener.lower,
          ));
      if (short && friendly && (!ordinaryWord(next) || WORD_NAMES.has(next.lower))) {
        addRun(tokens, i + 1, i + 2, "name", out);
      }
    }
  });

  // "Dawn at Ramp", "hope from figma": a name-like word right before an employer cue, at a
  // clause's start or after "and".
  tokens.forEach((t, i) => {
    if (t.blocked || !canBeName(t) || (ordinaryWord(t) && !WORD_NAMES.has(t.lower))) return;
    if (!employerFollows(tokens, i, lowercaseStyle)) return;
    const before = tokens[i - 1];
    const startsClause =
      t.sentenceStart || /[,;(]/.test(t.gap) || before?.lower === "and" || SLOT_CUES.has(before?.lower ?? "");
    const cased = t.shape === "cap" || t.shape === "upper" || lowercaseStyle;
    if (startsClause && cased && !(CALENDAR_NAMES.has(t.lower) && t.shape === "cap" && !lowercaseStyle)) {
      addRun(tokens, i, i + 1, "name", out);
    }
  });

  // "SJ, Rohan is the candidate": initials opening a sentence and closed by a comma.
  tokens.forEach((t, i) => {
    if (t.blocked || t.cls === "stop" || !t.sentenceStart || !INITIALS_RE.test(t.text)) return;
    if (/^,[ \t]/.test(text.slice(t.end, t.end + 2)) && tokens[i + 1]?.shape === "cap")
      addRun(tokens, i, i + 1, "name", out);
  });

  // "J.R. said", "cc A.K.": dotted initials are a person's, wherever they stand.
  for (const m of matches(DOTTED_INITIALS_RE, text)) {
    if (!NOT_INITIALS.has(m[0])) out.add(m.index, m.index + m[0].length, "name");
  }

  // "DJ said", "AK and I": bare capitals before a verb of speech or "and I".
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.blocked || t.cls === "stop" || !INITIALS_RE.test(t.text) || next === undefined) return;
    if (/^(?:said|says|mentioned|told|thinks|asked|suggested|wrote|and)$/.test(next.lower) && joinsName(next.gap)) {
      if (next.lower !== "and" || tokens[i + 2]?.text === "I") addRun(tokens, i, i + 1, "name", out);
    }
  });
}
