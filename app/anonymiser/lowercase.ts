import {
  CALENDAR_NAMES,
  COMPANY_NOUNS,
  DETERMINERS,
  LOWERCASE_COMPANY_CUES,
  LOWERCASE_COMPANY_PAIRS,
  LOWERCASE_PERSON_CUES,
  LOWERCASE_PERSON_PAIRS,
  RELATION_CUES,
  SPEECH_VERBS,
  WORD_NAMES,
} from "./lexicon";
import { ORG_HEAD_WORDS, companyRunEnd } from "./organisations";
import { SpanSet } from "./spans";
import { type Token, addRun, joinsName, lowercaseNameLike, nameRunEnd } from "./tokens";

/**
 * Names and companies in a message typed all in lowercase, from cue words alone: "my manager
 * jess wong", "ask for tunde", "i'm still at greyfield", "at kofi and ama's wedding".
 */
export function findLowercaseCues(text: string, tokens: Token[], out: SpanSet): void {
  const possessive = (t: Token | undefined): boolean =>
    t !== undefined && /^['’]s\b/.test(text.slice(t.end, t.end + 3));
  tokens.forEach((t, i) => {
    const k = i + 1;
    const cand = tokens[k];
    // "mark said u might be hiring", "priya thinks": a name-like word before a verb of speech.
    if (
      cand !== undefined &&
      SPEECH_VERBS.has(cand.lower) &&
      joinsName(cand.gap) &&
      t.shape === "lower" &&
      (lowercaseNameLike(t) || (WORD_NAMES.has(t.lower) && !CALENDAR_NAMES.has(t.lower))) &&
      !DETERMINERS.has(tokens[i - 1]?.lower ?? "")
    ) {
      addRun(tokens, i, i + 1, "name", out);
      return;
    }
    if (cand === undefined || !joinsName(cand.gap)) return;
    const pair = `${tokens[i - 1]?.lower ?? ""} ${t.lower}`;
    // "a startup called tsubame labs": the name of a company, not a person.
    if (
      (t.lower === "called" || t.lower === "named") &&
      COMPANY_NOUNS.has(tokens[i - 1]?.lower ?? "") &&
      !cand.blocked &&
      cand.cls !== "stop"
    ) {
      addRun(tokens, k, companyRunEnd(tokens, k, true), "company", out);
      return;
    }
    const personCue =
      LOWERCASE_PERSON_CUES.has(t.lower) || LOWERCASE_PERSON_PAIRS.has(pair) || LOWERCASE_PERSON_PAIRS.has(t.lower);
    const relationName = RELATION_CUES.has(t.lower) && WORD_NAMES.has(cand.lower) && !CALENDAR_NAMES.has(cand.lower);
    if (personCue && (lowercaseNameLike(cand) || relationName)) {
      addRun(tokens, k, nameRunEnd(tokens, k, true), "name", out);
      return;
    }
    const companyCue =
      LOWERCASE_COMPANY_CUES.has(t.lower) || LOWERCASE_COMPANY_PAIRS.has(pair) || LOWERCASE_COMPANY_PAIRS.has(t.lower);
    if (!companyCue || cand.blocked || cand.cls === "stop") return;
    // "at riverbend credit": an organisation head after the word makes it a company whatever it is.
    const head = tokens[k + 1];
    const withHead = head !== undefined && joinsName(head.gap) && ORG_HEAD_WORDS.has(head.lower);
    if (withHead) {
      addRun(tokens, k, k + 2, "company", out);
    } else if (
      lowercaseNameLike(cand) ||
      (cand.cls === "unknown" && cand.text.length >= 4 && !/(?:ing|ed|ly)$/.test(cand.lower))
    ) {
      // The tagger often guesses an unknown lowercase word is a verb ("joined bellhaven"), so here
      // only the lexicon and a verb's own endings rule a word out.
      // "at kofi and ama's wedding": a possessive makes them people, not a workplace.
      const and = tokens[k + 1];
      const partner = tokens[k + 2];
      const coordinated = and?.lower === "and" && lowercaseNameLike(partner) && possessive(partner);
      if (coordinated && partner !== undefined) {
        addRun(tokens, k, k + 1, "name", out);
        addRun(tokens, k + 2, k + 3, "name", out);
      } else {
        addRun(tokens, k, k + 1, possessive(cand) ? "name" : "company", out);
      }
    }
  });
}
