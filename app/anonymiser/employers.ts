/**
 * Employers named by what the text says about them, whatever the word: "I'm at Ramp", "PM @
 * Notion", "joined Target", "I work for Square", "ex-Flipkart". A company called by an ordinary
 * word is only an employer after such a cue, so "a linear process" and "target audience" stay.
 */
import { EMPLOYER_BRANDS, EVERYDAY_NOUNS, MONTHS_AND_DAYS, TITLES } from "./lexicon";
import { companyRunEnd } from "./organisations";
import { matches, type SpanSet } from "./spans";
import { addRun, isTitleWord, joinsName, type Token } from "./tokens";

/** Words before "at" that make what follows an employer: "I'm at", "works at", "Tech Lead at". */
const AT_HOLDERS = new Set(
  `i'm i’m im am work works working worked job role position offer team intern interned internship
  gig contract contracting consulting placement stint years months based employed hired recruiter
  engineer designer manager lead pm ae sdr director head founder cofounder co-founder analyst
  scientist developer vp cto ceo cfo coo partner colleague colleagues friend friends someone
  somebody people folks everyone mate`.split(/\s+/),
);
/** Verbs that take the employer straight after them: "joined Ramp", "work for Square". */
const JOIN_VERBS = new Set(["joined", "joining", "join", "rejoined", "left", "quit"]);
const FOR_HOLDERS = new Set(["work", "works", "working", "worked", "contract", "consult", "recruit", "recruiting"]);
/** What stands after "at" without being an employer: "at the moment", "at capacity", "at home". */
const NOT_EMPLOYERS = new Set(
  `the a an this that my our your their his her its all least most last first once times risk
  scale ease peace heart capacity length large best worst some any night noon midnight work home
  school uni college lunch dinner breakfast brunch`.split(/\s+/),
);

/** Words for "at" in other languages, before an employer: "en Rappi", "no Nubank", "tại Grab", "bei Allianz". */
const FOREIGN_AT = new Set(["en", "em", "no", "na", "bei", "chez", "tại", "presso", "à"]);
/** Employers that are words too: after a foreign "at" they are still employers ("tại Grab"). */
const EMPLOYER_WORDS_ANYWHERE = new Set([
  "grab",
  "target",
  "square",
  "oracle",
  "ramp",
  "plaid",
  "notion",
  "figma",
  "canva",
]);
/** Nouns after a company's possessive: "Careem's Dubai office", "Zomato's team". */
const CITY_OR_TEAM = new Set([
  "office",
  "offices",
  "team",
  "teams",
  "hq",
  "hiring",
  "recruiters",
  "recruiting",
  "careers",
]);

/** Whether token t can be an employer's (first) word after a cue. */
function employerWord(t: Token | undefined, lowercaseStyle: boolean): t is Token {
  if (t === undefined || t.blocked || t.text.length < 2 || NOT_EMPLOYERS.has(t.lower)) return false;
  if (EMPLOYER_BRANDS.has(t.lower)) return true;
  if (t.cls === "stop" || t.cls === "place" || MONTHS_AND_DAYS.has(t.lower) || TITLES.has(t.lower)) return false;
  if (t.shape === "lower") return lowercaseStyle && !EVERYDAY_NOUNS.has(t.lower) && t.cls !== "name";
  return true;
}

function addEmployer(tokens: Token[], k: number, lowercaseStyle: boolean, out: SpanSet): void {
  const t = tokens[k];
  if (t === undefined) return;
  const end = t.shape === "lower" ? k + 1 : Math.max(k + 1, companyRunEnd(tokens, k));
  addRun(tokens, k, end, "company", out);
}

export function findEmployers(text: string, tokens: Token[], lowercaseStyle: boolean, out: SpanSet): void {
  // Where the names found so far end, computed once and only if an "at" or "from" needs it.
  let ends: Set<number> | undefined;
  const nameEnds = (): Set<number> =>
    (ends ??= new Set(out.spans.filter((sp) => sp.kind === "name").map((sp) => sp.end)));
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.blocked || next === undefined || !joinsName(next.gap)) {
      // "PM @ Notion", "Tech Lead @ Square": the "@" stands in the gap.
      if (next !== undefined && /^[ \t]*@[ \t]+$|^[ \t]+@[ \t]*$/.test(next.gap) && isTitleWord(t.lower)) {
        if (employerWord(next, true)) addEmployer(tokens, i + 1, lowercaseStyle, out);
      }
      return;
    }
    // "I'm now at Plaid": look past an adverb of time.
    const adverb = /^(?:now|currently|still|also|then|already)$/.test(tokens[i - 1]?.lower ?? "");
    const before = tokens[i - (adverb ? 2 : 1)]?.lower ?? "";
    const prev = tokens[i - 1];
    const afterName = prev !== undefined && /^(?:at|from)$/.test(t.lower) && nameEnds().has(prev.end);
    const employs =
      (/^(?:at|from)$/.test(t.lower) && afterName) ||
      (t.lower === "at" && (AT_HOLDERS.has(before) || isTitleWord(before))) ||
      JOIN_VERBS.has(t.lower) ||
      (t.lower === "for" && FOR_HOLDERS.has(before));
    // "moved from Stripe to Canva": the second employer of a move.
    const moveTo =
      t.lower === "to" &&
      tokens.slice(Math.max(0, i - 4), i).some((x) => x.lower === "from") &&
      tokens
        .slice(Math.max(0, i - 6), i)
        .some((x) => /^(?:moved|switched|went|jumped|moving|switching)$/.test(x.lower));
    // "trabajas en Rappi", "bei der Allianz", "tại Grab", "no Nubank": "at" in other languages.
    const foreignAt =
      FOREIGN_AT.has(t.lower) &&
      next.shape !== "lower" &&
      (next.cls === "unknown" ||
        next.cls === "org" ||
        next.shape === "upper" ||
        EMPLOYER_WORDS_ANYWHERE.has(next.lower));
    if (!(employs || moveTo || foreignAt) || !employerWord(next, lowercaseStyle)) return;
    // "left early", "join us": after a verb an ordinary lowercase word is not a company.
    if (t.lower !== "at" && next.shape === "lower" && next.cls === "word") return;
    addEmployer(tokens, i + 1, lowercaseStyle, out);
  });
  // "bei der Allianz": past the article.
  tokens.forEach((t, i) => {
    const article = tokens[i + 1];
    const next = tokens[i + 2];
    if (!/^(?:bei|chez|presso)$/.test(t.lower) || !article || !/^(?:der|dem|la|le|l)$/.test(article.lower)) return;
    if (next && next.shape === "cap" && !next.blocked && next.cls !== "stop" && next.cls !== "place")
      addEmployer(tokens, i + 2, lowercaseStyle, out);
  });
  // "Zomato's Gurugram office", "Careem's team": a possessive before a workplace noun.
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.blocked || t.shape !== "cap" || t.cls === "stop" || t.cls === "place" || next === undefined) return;
    if (!/^['’]s[ \t]/.test(text.slice(t.end, t.end + 3))) return;
    const noun = CITY_OR_TEAM.has(next.lower) ? next : tokens[i + 2];
    if (noun !== undefined && CITY_OR_TEAM.has(noun.lower) && (t.cls === "unknown" || t.cls === "org")) {
      out.add(t.start, t.end, "company");
    }
  });
  // "ex-Flipkart", "ex-BBVA": a former employer.
  for (const m of matches(/(?<![\p{L}-])ex-(\p{Lu}[\p{L}\p{N}&]{1,30})/gu, text)) {
    const name = m[1] ?? "";
    out.add(m.index + 3, m.index + 3 + name.length, "company");
  }
}
