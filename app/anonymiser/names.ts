import {
  CALENDAR_NAMES,
  CJK_NOT_NAMES,
  DETERMINERS,
  GREETINGS,
  GREETING_JOINERS,
  GREETING_PHRASES_BY_FIRST,
  HONORIFICS,
  PERSON_CUES,
  PERSON_VERBS,
  POSTPOSITIVE_HONORIFICS,
  WORD_NAMES,
} from "./lexicon";
import { SpanSet, matches } from "./spans";
import {
  type Token,
  addRun,
  classify,
  followsDeterminer,
  isNameShaped,
  isOrdinary,
  isOrgOrPlace,
  joinsName,
  nameRunEnd,
  personLike,
} from "./tokens";

/**
 * Japanese, Korean and South Asian honorific suffixes joined by a hyphen ("Tanaka-san",
 * "haruka-san", "Sharma-ji"): the part before the hyphen is a name, the suffix stays.
 */
export const HONORIFIC_SUFFIX_RE =
  /^([\p{L}\p{M}]{2,30})-(?:san|sama|kun|chan|sensei|senpai|ssi|nim|ji|jee|sahib|saab)$/iu;

/**
 * The same in Han and Kana, with no space: "田中様", "由紀さん", "王先生". The 1–4 characters before
 * the suffix are the name, unless they are a word such as 皆 ("everyone").
 */
export const CJK_HONORIFIC_RE =
  /(?<![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])([\p{sc=Han}\p{sc=Katakana}]{1,4})(?=[ \t]?(?:様|さん|さま|先生|氏|君|殿|ちゃん|くん|女士|小姐|老师|님|씨))/gu;
/** Whether the word after a greeting or at a line's start is followed by the end of the address. */
export function closesAddress(text: string, end: number): boolean {
  return /^(?:[ \t]*(?:[,!:;.]|[-–—](?=[ \t])|\n|$)|[ \t]*$)/.test(text.slice(end, end + 3));
}

/**
 * The end of a name being greeted at token k ("Hi Sarah", "Hi Hope,"), or k when there is none.
 * A known or unknown name is enough; an ordinary word needs the address to close after it, and a
 * word that is also a given name ("Hope", "June") needs that and a capital.
 */
export function addresseeEnd(text: string, tokens: Token[], k: number, mustClose: boolean): number {
  const cand = tokens[k];
  if (cand === undefined || cand.blocked) return k;
  let end = nameRunEnd(tokens, k, true);
  if (end === k && cand.shape === "cap" && WORD_NAMES.has(cand.lower)) end = k + 1;
  const last = tokens[end - 1];
  if (end === k || last === undefined) return k;
  const sure = !mustClose && (cand.cls === "name" || (cand.cls === "unknown" && !isOrdinary(cand)));
  return sure || closesAddress(text, last.end) ? end : k;
}

/** Vietnamese kinship words used as "Mr" and "Ms" are: lower-case, before a name. */
const VIETNAMESE_KIN = new Set(["anh", "chị", "em", "cô", "chú", "bác", "ông", "bà"]);

export function findGreetingsAndCues(text: string, tokens: Token[], lowercaseStyle: boolean, out: SpanSet): void {
  tokens.forEach((t, i) => {
    if (t.blocked) return;
    const next = tokens[i + 1];
    if (next === undefined) return;
    const lowerPrev = t.lower.replace(/\.$/, "");

    // "Hi Sarah," "Dear Mr Kim" "thanks jen!" "Thank you, Maria."
    const goodMorning = lowerPrev === "good" && /^(?:morning|afternoon|evening|day)$/.test(next.lower);
    const sehrGeehrte = lowerPrev === "sehr" && GREETINGS.has(next.lower);
    const phraseEnd = t.sentenceStart ? greetingPhraseEnd(tokens, i) : i;
    if ((GREETINGS.has(lowerPrev) || goodMorning || sehrGeehrte || phraseEnd > i) && t.sentenceStart) {
      let k = afterGreeting(tokens, Math.max(i + 1, phraseEnd));
      if (t.lower === "thank" && tokens[k]?.lower === "you") k++;
      if (goodMorning) k++;
      if (HONORIFICS.has(tokens[k]?.lower.replace(/\.$/, "") ?? "")) k++;
      // "Chào anh Minh": a Vietnamese kinship word, lower-case, is the honorific before the name.
      if (tokens[k]?.shape === "lower" && VIETNAMESE_KIN.has(tokens[k]?.lower ?? "")) k++;
      const cand = tokens[k];
      if (cand === undefined || !/^[ \t]{0,2},?[ \t]{0,2}$/.test(cand.gap) || cand.gap === "") return;
      const end = addresseeEnd(text, tokens, k, false);
      if (end === k) return;
      addRun(tokens, k, end, "name", out);
      // "Hi Hannah and Will," / "Dear Ana & Luis,": a second addressee.
      const joiner = tokens[end];
      if (joiner !== undefined && /^(?:and|&)$/.test(joiner.lower) && joinsName(joiner.gap)) {
        const second = addresseeEnd(text, tokens, end + 1, true);
        if (second > end + 1) addRun(tokens, end + 1, second, "name", out);
      }
      return;
    }

    // "Frank here —", "Hi, Jess here.": a self-introduction, where even an ordinary word is a name.
    const opensIntro = t.sentenceStart || GREETINGS.has(tokens[i - 1]?.lower ?? "") || (i === 1 && t.gap.includes(","));
    if (
      opensIntro &&
      next.lower === "here" &&
      joinsName(next.gap) &&
      /^[ \t]*(?:[,.!:;]|[-–—]|from\b)/.test(text.slice(next.end, next.end + 7))
    ) {
      const nameLike = t.cls !== "stop" || WORD_NAMES.has(t.lower);
      if (nameLike && (t.shape === "cap" || lowercaseStyle)) addRun(tokens, i, i + 1, "name", out);
      return;
    }

    // "Dr Kim", "Mr. O'Brien", "Pani Kowalska", "Herr Braun"
    if (HONORIFICS.has(lowerPrev) && t.shape === "cap" && next.shape === "cap" && joinsName(next.gap)) {
      addRun(tokens, i + 1, nameRunEnd(tokens, i + 1, true), "name", out);
      return;
    }

    // "Ayşe Hanım", "Mehmet Bey": the title follows the name.
    if (POSTPOSITIVE_HONORIFICS.has(next.lower) && joinsName(next.gap) && isNameShaped(t, lowercaseStyle)) {
      const before = tokens[i - 1];
      const from =
        before !== undefined &&
        joinsName(t.gap) &&
        before.shape === "cap" &&
        !isOrdinary(before) &&
        before.cls !== "place" &&
        !before.blocked
          ? i - 1
          : i;
      addRun(tokens, from, i + 1, "name", out);
      return;
    }

    // "I'm Mere —", "this is Rose, from…": a self-introduction closed by punctuation names even an
    // ordinary word.
    const introduces =
      /^(?:i'm|i’m|im|am)$/.test(tokens[i - 1]?.lower ?? "") ||
      (tokens[i - 1]?.lower === "is" && /^(?:this|name)$/.test(tokens[i - 2]?.lower ?? ""));
    const after = text.slice(t.end, t.end + 3);
    const closed = /^[ \t]*(?:[,;]|[-–—](?=[ \t]))/.test(after) || (/^[ \t]*[.!]/.test(after) && personLike(t));
    if (
      introduces &&
      closed &&
      joinsName(t.gap) &&
      isNameShaped(t, lowercaseStyle) &&
      (t.cls !== "stop" || WORD_NAMES.has(t.lower))
    ) {
      addRun(tokens, i, i + 1, "name", out);
      return;
    }

    // "Will from our engineering team", "ray from the platform team": a person from a group.
    const from = tokens[i + 2];
    if (
      next.lower === "from" &&
      joinsName(next.gap) &&
      from !== undefined &&
      /^(?:the|our|my|your|their|his|her)$/.test(from.lower) &&
      isNameShaped(t, lowercaseStyle) &&
      personLike(t) &&
      !DETERMINERS.has(tokens[i - 1]?.lower ?? "")
    ) {
      // "Kenji Watanabe from…": take the given name before the surname too.
      let first = i;
      while (
        first > i - 3 &&
        isNameShaped(tokens[first - 1] ?? t, lowercaseStyle) &&
        tokens[first - 1] !== undefined &&
        joinsName(tokens[first]?.gap ?? "") &&
        personLike(tokens[first - 1]) &&
        tokens[first - 1]?.shape === t.shape
      )
        first--;
      addRun(tokens, first, i + 1, "name", out);
      return;
    }

    // "Bob - I haven't responded", "Sarah, thanks for…" at the start of a line.
    if ((i === 0 || t.gap.includes("\n")) && t.shape === "cap" && !isOrdinary(t) && t.cls !== "place") {
      const end = nameRunEnd(tokens, i, false);
      const last = tokens[end - 1];
      if (last !== undefined && end <= i + 3 && /^[ \t]*(?:,|[-–—][ \t])/.test(text.slice(last.end, last.end + 3))) {
        addRun(tokens, i, end, "name", out);
        return;
      }
    }

    // "with Priya", "met Olúwaseun", "introduce you to Siobhán Kelly", "ask Rose"
    if (PERSON_CUES.has(t.lower) && next.shape === "cap" && joinsName(next.gap) && !next.blocked) {
      const plausible =
        next.cls === "name" ||
        (next.cls === "unknown" && !isOrdinary(next)) ||
        (WORD_NAMES.has(next.lower) && !CALENDAR_NAMES.has(next.lower));
      if (plausible && !(next.tags?.has("Organization") ?? false)) {
        // A listed word such as "Hope" is a stop word to nameRunEnd, so it is taken alone.
        addRun(tokens, i + 1, Math.max(i + 2, nameRunEnd(tokens, i + 1, false)), "name", out);
      }
    }
  });
}

/** The index past a greeting phrase starting at token i ("Assalam o Alaikum"), or i. */
export function greetingPhraseEnd(tokens: Token[], i: number): number {
  for (const phrase of GREETING_PHRASES_BY_FIRST.get(tokens[i]?.lower ?? "") ?? []) {
    if (phrase.every((w, n) => tokens[i + n]?.lower === w && (n === 0 || joinsName(tokens[i + n]?.gap ?? ""))))
      return i + phrase.length;
  }
  return i;
}

/** Past the greeting words from token k: "Assalam o Alaikum", "Sehr geehrte", "Dzień dobry". */
export function afterGreeting(tokens: Token[], k: number): number {
  for (let n = 0; n < 4; n++) {
    const t = tokens[k];
    if (t === undefined || !joinsName(t.gap)) break;
    if (GREETINGS.has(t.lower)) k++;
    else if (GREETING_JOINERS.has(t.lower) && GREETINGS.has(tokens[k + 1]?.lower ?? "")) k += 2;
    else break;
  }
  return k;
}

/**
 * Names marked by an honorific suffix: "Tanaka-san", "haruka-san", "Sharma-ji" (the suffix stays),
 * and in Han or Kana "田中様", "由紀さん".
 */
export function findHonorificNames(text: string, tokens: Token[], out: SpanSet): void {
  for (const t of tokens) {
    const m = t.blocked ? null : HONORIFIC_SUFFIX_RE.exec(t.text);
    const head = m?.[1];
    if (head === undefined || classify(head.toLowerCase()) === "stop") continue;
    out.add(t.start, t.start + head.length, "name");
  }
  for (const m of matches(CJK_HONORIFIC_RE, text)) {
    const name = m[1] ?? "";
    if (!CJK_NOT_NAMES.has(name)) out.add(m.index, m.index + name.length, "name");
  }
}

/**
 * Capitalised words away from greetings and signatures. In a German, Dutch or Nordic message
 * (`germanic`) capitals mark nouns and compromise's English tagger guesses badly, so only words it
 * knows as names, or pairs of unknown words, count there.
 */
export function findLooseNames(tokens: Token[], out: SpanSet, germanic: boolean): void {
  tokens.forEach((t, i) => {
    if (t.blocked || t.shape !== "cap" || t.cls === "stop" || t.cls === "place" || t.cls === "org") return;
    if (followsDeterminer(tokens, i)) return;
    const next = tokens[i + 1];
    const nextIsName =
      next !== undefined &&
      joinsName(next.gap) &&
      next.shape === "cap" &&
      !isOrdinary(next) &&
      next.cls !== "place" &&
      !next.blocked;
    // A function, so the tagger runs only where a branch below needs it (./tagger.ts).
    const taggedPerson = () => t.tags?.has("Person") ?? false;
    const vocative =
      /^,[ \t]{1,2}$/.test(t.gap) && /^[.!?]/.test(next === undefined ? "." : next.gap) && t.cls !== "word";
    if (vocative) {
      addRun(tokens, i, nameRunEnd(tokens, i, false), "name", out);
      return;
    }
    if (t.sentenceStart) {
      // Only with support: a surname after it, or a verb of speech ("Priya mentioned…").
      if (isOrdinary(t)) return;
      const speaks = next !== undefined && PERSON_VERBS.has(next.lower) && joinsName(next.gap);
      // Two capitalised words that no lexicon knows ("Akosua Mensah mentioned…") are a full name
      // far more often than a company, which usually carries a suffix or a cue word.
      const unknownPair =
        nextIsName && t.cls === "unknown" && next.cls === "unknown" && !isOrgOrPlace(t) && !isOrgOrPlace(next);
      if (
        !(nextIsName && (t.cls === "name" || next.cls === "name" || taggedPerson())) &&
        !unknownPair &&
        !(speaks && (t.cls === "name" || t.cls === "unknown"))
      )
        return;
    } else {
      const known = t.cls === "name" || taggedPerson();
      const pair = t.cls === "unknown" && nextIsName && !isOrdinary(t);
      const accented = t.cls === "unknown" && /[^\x00-\x7f]/.test(t.text) && !isOrdinary(t);
      // compromise's tagger calls most unseen capitalised words mid-sentence proper nouns.
      const proper =
        t.cls === "unknown" &&
        !t.text.includes("-") &&
        (t.tags?.has("ProperNoun") ?? false) &&
        !isOrdinary(t) &&
        !(t.tags?.has("Organization") ?? false) &&
        !(t.tags?.has("Place") ?? false);
      if (!known && !pair && (germanic || (!accented && !proper))) return;
    }
    addRun(tokens, i, nameRunEnd(tokens, i, false), "name", out);
  });
}
