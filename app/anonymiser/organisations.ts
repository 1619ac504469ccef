import {
  COMPANY_CUES,
  COMPANY_SUFFIXES,
  EMPLOYER_BRANDS,
  LOCATIVE_ENDINGS,
  MONTHS_AND_DAYS,
  WEAK_COMPANY_SUFFIXES,
} from "./lexicon";
import { SpanSet, matches } from "./spans";
import { type Token, addRun, isOrgOrPlace, joinsName, tokensIn } from "./tokens";

/**
 * Heads of organisation names that are ordinary words elsewhere, so they are only trusted after a
 * word that is not ("Orbital Ledger", "St. Brigid's Hospital", but not "the General Hospital").
 */
export const ORG_HEADS =
  "Hospital|Hospitals|Clinic|Infirmary|Hospice|University|College|Polytechnic|Academy|School|Institute|Foundation|Trust|Charity|Society|Association|Council|Bank|Credit Union|Credit|Ledger|Labs?|Capital|Partners|Ventures|Holdings|Collective|Cooperative|Co-op|Pharma|Biotech|Therapeutics|Cloud|Medical Centre|Medical Center|Health|Healthcare";
/** Saint prefixes that open hospital, school and church names. */
export const SAINT = String.raw`(?:St\.?|Saint|Sankt|San|Santa|Ste\.?)[ \t]{1,2}`;
export const ORG_PHRASE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(${SAINT})?(?:\p{Lu}[\p{L}\p{M}'’-]{0,30}[ \t]{1,2}(?:&[ \t]{1,2})?){1,4}(?:${ORG_HEADS})(?![\p{L}\p{M}])`,
  "gu",
);

export const ORG_HEAD_WORDS = new Set(
  ORG_HEADS.toLowerCase()
    .split("|")
    .flatMap((h) => h.split(" ")),
);

/** The end of a company name from token i; in a lowercase message only suffixes ("labs") extend it. */
export function companyRunEnd(tokens: Token[], i: number, lowercase = false): number {
  let j = i;
  while (j < tokens.length && j < i + 5) {
    const t = tokens[j];
    if (t === undefined || t.blocked || (j > i && !/^[ \t]{1,2}(?:&[ \t]{1,2})?$/.test(t.gap))) break;
    const isSuffix = COMPANY_SUFFIXES.has(t.lower);
    if (lowercase && j > i && !isSuffix) break;
    if (!isSuffix && ((t.shape === "lower" && !lowercase) || t.cls === "stop" || MONTHS_AND_DAYS.has(t.lower))) break;
    j++;
  }
  return j;
}

/** "St. Brigid's Hospital", "Orbital Ledger": a name-like run ending in an organisation head. */
export function findOrgPhrases(text: string, tokens: Token[], out: SpanSet): void {
  for (const m of matches(ORG_PHRASE_RE, text)) {
    const end = m.index + m[0].length;
    // Leading "The", "Our", "At" are not part of the name.
    const own = tokensIn(tokens, m.index, end).filter((t) => !t.blocked);
    while (own.length > 0 && own[0]?.cls === "stop" && !/^(?:st|saint|ste)$/i.test(own[0].text)) own.shift();
    const first = own[0];
    if (first === undefined || own.length < 2) continue;
    const words_ = own.slice(0, -1);
    const distinctive =
      m[1] !== undefined || words_.some((t) => t.cls === "unknown" || t.cls === "name" || t.cls === "org");
    if (distinctive) out.add(first.start, end, "company");
  }
}

export function findCompanies(tokens: Token[], out: SpanSet): void {
  tokens.forEach((t, i) => {
    if (t.blocked) return;
    // "Brightwater Analytics Ltd": walk back from a suffix over capitalised words.
    if (COMPANY_SUFFIXES.has(t.lower) && t.shape !== "lower" && i > 0) {
      let s = i;
      while (s > 0 && s > i - 4) {
        const prev = tokens[s - 1];
        const cur = tokens[s];
        if (prev === undefined || cur === undefined || prev.blocked) break;
        if (!/^[ \t]{1,2}(?:&[ \t]{1,2})?$/.test(cur.gap) || prev.shape === "lower") break;
        if (prev.cls === "stop" && !COMPANY_SUFFIXES.has(prev.lower)) break;
        s--;
      }
      const distinctive = tokens.slice(s, i).some((r) => r.cls === "unknown" || r.cls === "name" || r.cls === "org");
      if (s < i && (distinctive || !WEAK_COMPANY_SUFFIXES.has(t.lower))) {
        let e = i + 1;
        while (COMPANY_SUFFIXES.has(tokens[e]?.lower ?? "") && joinsName(tokens[e]?.gap ?? "")) e++;
        addRun(tokens, s, e, "company", out);
        return;
      }
    }
    // "Getir'deki ekip": a Turkish locative or ablative ending means "at" or "from" a place or firm.
    if (
      t.caseEnding !== undefined &&
      LOCATIVE_ENDINGS.has(t.caseEnding) &&
      t.shape === "cap" &&
      t.cls === "unknown" &&
      !isOrgOrPlace(t)
    ) {
      addRun(tokens, i, i + 1, "company", out);
      return;
    }
    // "at Brightwater", "from Juniper Ridge", "joined Acme"
    const next = tokens[i + 1];
    if (!COMPANY_CUES.has(t.lower) || next === undefined || next.blocked || !joinsName(next.gap)) return;
    // "the new role at Canva", "joined Kakao": a product's maker, as an employer.
    if (/^(?:at|joined|joining)$/.test(t.lower) && EMPLOYER_BRANDS.has(next.lower) && next.shape !== "lower") {
      addRun(tokens, i + 1, i + 2, "company", out);
      return;
    }
    if (next.shape === "lower" || next.cls === "stop" || next.cls === "place") return;
    if (next.shape === "upper" && next.text.length < 2) return;
    const end = companyRunEnd(tokens, i + 1);
    if (end === i + 1) return;
    const run = tokens.slice(i + 1, end);
    if (run.every((r) => r.cls === "word" && !COMPANY_SUFFIXES.has(r.lower))) return;
    const personish =
      next.cls === "name" ||
      (next.tags?.has("Person") ?? false) ||
      (t.lower !== "at" &&
        run.length <= 2 &&
        !run.some((r) => COMPANY_SUFFIXES.has(r.lower)) &&
        /[^\x00-\x7f]/.test(next.text));
    addRun(tokens, i + 1, end, personish && t.lower !== "at" ? "name" : "company", out);
  });
}
