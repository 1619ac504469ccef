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
  contract contracting consulting placement stint years months based employed hired recruiter
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
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.blocked || next === undefined || !joinsName(next.gap)) {
      // "PM @ Notion", "Tech Lead @ Square": the "@" stands in the gap.
      if (next !== undefined && /^[ \t]*@[ \t]+$|^[ \t]+@[ \t]*$/.test(next.gap) && isTitleWord(t.lower)) {
        if (employerWord(next, true)) addEmployer(tokens, i + 1, lowercaseStyle, out);
      }
      return;
    }
    const before = tokens[i - 1]?.lower ?? "";
    const prev = tokens[i - 1];
    const afterName = prev !== undefined && out.spans.some((sp) => sp.kind === "name" && sp.end === prev.end);
    const employs =
      (/^(?:at|from)$/.test(t.lower) && afterName) ||
      (t.lower === "at" && (AT_HOLDERS.has(before) || isTitleWord(before))) ||
      JOIN_VERBS.has(t.lower) ||
      (t.lower === "for" && FOR_HOLDERS.has(before));
    if (!employs || !employerWord(next, lowercaseStyle)) return;
    // "left early", "join us": after a verb an ordinary lowercase word is not a company.
    if (t.lower !== "at" && next.shape === "lower" && next.cls === "word") return;
    addEmployer(tokens, i + 1, lowercaseStyle, out);
  });
  // "ex-Flipkart", "ex-BBVA": a former employer.
  for (const m of matches(/(?<![\p{L}-])ex-(\p{Lu}[\p{L}\p{N}&]{1,30})/gu, text)) {
    const name = m[1] ?? "";
    out.add(m.index + 3, m.index + 3 + name.length, "company");
  }
}
