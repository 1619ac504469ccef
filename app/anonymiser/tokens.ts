import {
  CALENDAR_NAMES,
  CONFERENCES,
  DEGREES_AND_FIELDS,
  DETERMINERS,
  EVERYDAY_NOUNS,
  GENERIC_ADDRESSEES,
  GERMANIC_FUNCTION_WORDS,
  GERMANIC_NOUNS,
  GREETINGS,
  GREETING_PHRASE_WORDS,
  HONORIFICS,
  INTERNATIONAL_COURTESY,
  INTERNATIONAL_GREETINGS,
  MONTHS_AND_DAYS,
  NAME_PARTICLES,
  NATIONALITIES_AND_LANGUAGES,
  NOT_NAMES,
  POSTPOSITIVE_HONORIFICS,
  PRODUCTS,
  TECH,
  TEXTING,
  TITLES,
  WORD_NAMES,
} from "./lexicon";
import { SpanSet, matches } from "./spans";
import { lazyTags, loadCompromise } from "./tagger";
import { type RedactionKind } from "./types";

export const CONFERENCE_RE = /^\p{Lu}[\p{L}\d]{0,20}?(?:Con|CON|Conf|Camp|Fest)(?:\d{2,4})?$/u;

export const CASELESS_RE =
  /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Thai}\p{sc=Devanagari}\p{sc=Ethiopic}\p{sc=Bengali}\p{sc=Tamil}\p{M}]+$/u;

/** Endings of German, Dutch and Nordic nouns ("Personalabteilung", "Elternzeit", "gezondheid"). */
export const GERMANIC_NOUN_RE =
  /(?:ung|ungen|heit|keit|zeit|schaft|abteilung|tion|tät|nis|tum|chen|lein|ismus|gespräch|stelle|arbeit|woche|termin|vertrag|urlaub|bereich|gruppe|leitung|firma|heid|tijd|schap|skap)$/;

export const WORD_RE = /[\p{L}\p{M}][\p{L}\p{M}\d]*(?:['’-][\p{L}\p{M}]+)*\.?/gu;

export const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName", "Person"]);
export const PLACE_TAGS = new Set(["City", "Country", "Region", "Place"]);
export const ORDINARY_TAGS = new Set([
  "Verb",
  "Adverb",
  "Adjective",
  "Pronoun",
  "Preposition",
  "Conjunction",
  "Determiner",
  "Modal",
  "Auxiliary",
  "Expression",
  "QuestionWord",
  "Copula",
  "Infinitive",
  "PastTense",
  "Gerund",
  "Value",
  "Month",
  "WeekDay",
  "Date",
]);

export type WordClass = "stop" | "name" | "place" | "org" | "word" | "unknown";

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  shape: "cap" | "lower" | "upper" | "caseless";
  sentenceStart: boolean;
  /** Text between the previous word and this one. */
  gap: string;
  cls: WordClass;
  /** compromise's contextual tags, when the token was inside what it saw. */
  tags: ReadonlySet<string> | undefined;
  blocked: boolean;
  /** A case ending after an apostrophe, cut off the word: "deki" in Turkish "Getir'deki". */
  caseEnding?: string;
}

/** A word; compromise is asked for its tags when a rule first reads them (./tagger.ts). A getter on
 * the class keeps every token one shape: one per object literal made the rules' reads 3× slower. */
class TextToken implements Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  shape: Token["shape"];
  sentenceStart: boolean;
  gap: string;
  cls: WordClass;
  blocked: boolean;
  caseEnding: string | undefined;
  private readonly tagsAt: (offset: number) => ReadonlySet<string> | undefined;
  constructor(word: Omit<Token, "tags">, tagsAt: (offset: number) => ReadonlySet<string> | undefined) {
    this.start = word.start;
    this.end = word.end;
    this.text = word.text;
    this.lower = word.lower;
    this.shape = word.shape;
    this.sentenceStart = word.sentenceStart;
    this.gap = word.gap;
    this.cls = word.cls;
    this.blocked = word.blocked;
    this.caseEnding = word.caseEnding;
    this.tagsAt = tagsAt;
  }
  get tags(): ReadonlySet<string> | undefined {
    return this.tagsAt(this.start);
  }
}

export function lexiconTags(lower: string): string[] {
  const entry = loadCompromise().lexicon[lower];
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

/** Words that are never a name or company, whatever their case or position. */
export const STOP_LISTS: readonly ReadonlySet<string>[] = [
  NOT_NAMES,
  MONTHS_AND_DAYS,
  PRODUCTS,
  TITLES,
  TECH,
  DEGREES_AND_FIELDS,
  INTERNATIONAL_GREETINGS,
  INTERNATIONAL_COURTESY,
  TEXTING,
  HONORIFICS,
  POSTPOSITIVE_HONORIFICS,
  GENERIC_ADDRESSEES,
  NATIONALITIES_AND_LANGUAGES,
  CONFERENCES,
  GREETINGS,
  GREETING_PHRASE_WORDS,
];

export function classify(lower: string): WordClass {
  const bare = lower.replace(/\.$/, "");
  if (STOP_LISTS.some((list) => list.has(bare))) return "stop";
  // "Java-разработчик", "React-Entwickler": a technology and a job joined by a hyphen.
  const [head, tail] = bare.split("-");
  if (tail !== undefined && TECH.has(head ?? "") && (/[^a-z]/.test(tail) || TITLES.has(tail))) return "stop";
  if (EVERYDAY_NOUNS.has(bare)) return "word";
  const tags = lexiconTags(bare);
  if (tags.length === 0) return "unknown";
  if (tags.some((t) => NAME_TAGS.has(t))) return "name";
  if (tags.some((t) => PLACE_TAGS.has(t))) return "place";
  if (tags.includes("Organization")) return "org";
  return "word";
}

export function shapeOf(word: string): Token["shape"] {
  // Han, Kana, Arabic, Ethiopic…: no case, so a capital says nothing either way.
  if (CASELESS_RE.test(word)) return "caseless";
  if (word === word.toLowerCase()) return "lower";
  if (word.length > 1 && word === word.toUpperCase()) return "upper";
  return word[0] === word[0]?.toUpperCase() ? "cap" : "lower";
}

export function tokenise(text: string, blocked: SpanSet): Token[] {
  const tagsAt = lazyTags(text);
  const classes = new Map<string, WordClass>();
  const classOf = (lower: string): WordClass => {
    let cls = classes.get(lower);
    if (cls === undefined) {
      cls = classify(lower);
      classes.set(lower, cls);
    }
    return cls;
  };
  const tokens: Token[] = [];
  let prevEnd = 0;
  for (const m of matches(WORD_RE, text)) {
    let raw = m[0];
    const gap = text.slice(prevEnd, m.index);
    // Keep a trailing dot only on initials and honorifics ("J.", "Dr."); elsewhere it ends a sentence.
    if (raw.endsWith(".") && !(raw.length === 2 || HONORIFICS.has(raw.slice(0, -1).toLowerCase()))) {
      raw = raw.slice(0, -1);
    }
    const possessive = /['’]s$/i.test(raw) && raw.length > 3;
    // Turkish writes case endings after an apostrophe on names ("Getir'deki", "Ayşe'nin"): the
    // name is the part before it.
    const ending = CASE_ENDING_RE.exec(raw);
    const word = possessive ? raw.slice(0, -2) : (ending?.[1] ?? raw);
    prevEnd = m.index + word.length;
    const previous = tokens[tokens.length - 1];
    const start = m.index;
    tokens.push(
      new TextToken(
        {
          start,
          end: m.index + word.length,
          text: word,
          lower: word.toLowerCase(),
          shape: shapeOf(word),
          sentenceStart: previous === undefined || /[.!?:;\n"“”(\u2022*>]|^\s*[-–—]\s/.test(gap),
          gap,
          cls: CONFERENCE_RE.test(word) ? "stop" : classOf(word.toLowerCase()),
          blocked: blocked.overlaps(m.index, m.index + word.length),
          caseEnding: ending?.[2]?.toLowerCase(),
        },
        tagsAt,
      ),
    );
  }
  return tokens;
}

/** A capitalised word with a case ending that is not an English clitic ('s, 't, 'll, 're, 've, 'd, 'm). */
export const CASE_ENDING_RE = /^(\p{Lu}[\p{L}\p{M}]{1,30})['’](?!(?:s|t|ll|re|ve|d|m|am)$)(\p{Ll}{1,6})$/u;

/**
 * Whether the message is written in German, Dutch or a Nordic language: two function words that
 * English lacks (words shared with English or names, such as "bin", "war", "Ben", are left out).
 */
export function isGermanicText(tokens: readonly Token[]): boolean {
  let hits = 0;
  for (const t of tokens) if (t.shape === "lower" && GERMANIC_FUNCTION_WORDS.has(t.lower) && ++hits >= 2) return true;
  return false;
}

/**
 * In German every noun is capitalised ("im Herbst", "die Personalabteilung"), so in such a message
 * an unknown capitalised word with a noun ending, or a common noun, is an ordinary word.
 */
export function markGermanicNouns(tokens: Token[]): void {
  for (const t of tokens) {
    if (t.shape !== "cap" || (t.cls !== "unknown" && t.cls !== "name")) continue;
    if (GERMANIC_NOUNS.has(t.lower) || (t.cls === "unknown" && t.lower.length >= 7 && GERMANIC_NOUN_RE.test(t.lower)))
      t.cls = "word";
  }
}

export function isOrdinary(t: Token): boolean {
  if (t.cls === "stop" || t.cls === "word") return true;
  if (t.cls !== "unknown" || t.tags === undefined) return false;
  if (t.tags.has("Person") || t.tags.has("ProperNoun")) return false;
  return [...t.tags].some((tag) => ORDINARY_TAGS.has(tag));
}

/** True when the text between two words keeps them in one name ("Sarah Kim", "Sarah J. Kim"). */
export const joinsName = (gap: string): boolean => gap === " " || gap === "  " || gap === "\t";

/**
 * Extend a person's name from token i over surname-like words. Returns the index past the last
 * word taken (i itself when token i is not acceptable).
 */
export function nameRunEnd(tokens: Token[], i: number, lenient: boolean): number {
  const first = tokens[i];
  if (first === undefined || first.blocked || first.cls === "stop") return i;
  if (first.shape === "upper" && !lenient) return i;
  if (first.shape === "lower" && !lenient) return i;
  let j = i + 1;
  for (let taken = 1; taken < 4 && j < tokens.length; taken++) {
    const t = tokens[j];
    if (t === undefined || t.blocked || !joinsName(t.gap)) break;
    const next = tokens[j + 1];
    // "de la Cruz", and in Irish and Welsh names capitalised too: "Mac Giolla", "Ní Bhriain".
    if (
      NAME_PARTICLES.has(t.lower) &&
      (t.shape === "lower" || t.shape === "cap") &&
      next !== undefined &&
      next.shape === "cap" &&
      joinsName(next.gap) &&
      next.cls !== "stop"
    ) {
      j += 2;
      continue;
    }
    // "Thandiwe M.": an initial closes a name whatever the case of the words before it.
    if (isInitial(t) && first.shape !== "upper") {
      j++;
      break;
    }
    const fits = t.shape === first.shape || (first.shape !== "lower" && t.shape === "cap");
    if (!fits || t.cls === "stop" || t.cls === "place" || (isOrdinary(t) && t.shape === "lower")) break;
    j++;
  }
  return j;
}

export interface Line {
  start: number;
  text: string;
}

export function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const text_ of text.split("\n")) {
    lines.push({ start, text: text_ });
    start += text_.length + 1;
  }
  return lines;
}

export function tokensIn(tokens: Token[], from: number, to: number): Token[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.start ?? Infinity) < from) lo = mid + 1;
    else hi = mid;
  }
  const found: Token[] = [];
  for (let i = lo; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || t.start >= to) break;
    if (t.end <= to) found.push(t);
  }
  return found;
}

/** "Programmes" and "Partnerships" are titles as much as their singulars. */
export const isTitleWord = (lower: string): boolean => TITLES.has(lower) || TITLES.has(lower.replace(/s$/, ""));

export function isTitleSegment(ts: Token[]): boolean {
  return ts.every((t) => isTitleWord(t.lower) || t.cls === "place" || MONTHS_AND_DAYS.has(t.lower) || t.lower === "at");
}

export function addNameTokens(ts: Token[], out: SpanSet): void {
  const own = ts.filter((t) => !HONORIFICS.has(t.lower.replace(/\.$/, "")));
  const first = own[0];
  const last = own[own.length - 1];
  if (first !== undefined && last !== undefined) out.add(first.start, last.end, "name");
}

export function addRun(tokens: Token[], i: number, end: number, kind: RedactionKind, out: SpanSet): void {
  const first = tokens[i];
  const last = tokens[end - 1];
  if (first !== undefined && last !== undefined && end > i) out.add(first.start, last.end, kind);
}

/**
 * A message typed without capitals ("hey! yeah down to chat, ask for tunde"). Capitalisation then
 * says nothing, so names and companies are found by position and cue words alone.
 */
export function isLowercaseStyle(tokens: Token[]): boolean {
  let words_ = 0;
  for (const t of tokens) {
    if (t.blocked) continue;
    if (t.shape === "caseless") continue;
    // "re the SRE role": an acronym we list does not make a message capitalised.
    if (t.shape === "upper" && t.cls === "stop") continue;
    if (t.shape !== "lower" && t.text !== "I" && !/^I['’]/.test(t.text)) return false;
    words_++;
  }
  return words_ >= 4;
}

/** Capitalised, or in a lowercase message lowercase: where a name may stand. */
export const isNameShaped = (t: Token, lowercaseStyle: boolean): boolean =>
  !t.blocked && (t.shape === "cap" || (lowercaseStyle && t.shape === "lower"));

/** A known or unknown name, or a given name that is also a word ("Will", "ray"), but no month. */
export const personLike = (t: Token): boolean =>
  t.cls === "name" ||
  (t.cls === "unknown" && !isOrdinary(t)) ||
  (WORD_NAMES.has(t.lower) && !CALENDAR_NAMES.has(t.lower));

/** A lowercase word that can only be a name here: a known name, or unknown to every lexicon. */
export function lowercaseNameLike(t: Token | undefined): boolean {
  if (t === undefined || t.blocked || t.text.length < 3 || t.shape !== "lower") return false;
  if (/(.)\1\1/.test(t.text)) return false; // "sooo", "yesss": emphasis, not a name
  return t.cls === "name" || (t.cls === "unknown" && !isOrdinary(t) && !(t.tags?.has("Verb") ?? false));
}

/** "the Old Fire Station", "the Ashford project": a capitalised run after an article names a thing. */
export function followsDeterminer(tokens: Token[], i: number): boolean {
  let k = i;
  while (
    k > 0 &&
    k > i - 4 &&
    tokens[k - 1]?.shape === "cap" &&
    !DETERMINERS.has(tokens[k - 1]?.lower ?? "") &&
    joinsName(tokens[k]?.gap ?? "")
  )
    k--;
  const before = tokens[k - 1];
  return before !== undefined && DETERMINERS.has(before.lower) && joinsName(tokens[k]?.gap ?? "");
}

export const isOrgOrPlace = (t: Token): boolean =>
  (t.tags?.has("Organization") ?? false) || (t.tags?.has("Place") ?? false);

/** "M.", "J": one capital letter, with or without its dot. */
export const isInitial = (t: Token): boolean => /^\p{Lu}\.?$/u.test(t.text);

/**
 * How a word in a signature's name line may be written: "Sarah", "M.", "SARAH" (ALL-CAPS
 * signatures), or in a script without case.
 */
export const signatureShaped = (t: Token): boolean =>
  t.shape === "cap" || t.shape === "caseless" || isInitial(t) || (t.shape === "upper" && t.cls !== "stop");
