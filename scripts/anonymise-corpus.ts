/**
 * Scores the anonymiser against the hand-written corpus in tests/fixtures/anonymise/corpus.json.
 * Shared by the unit test and the bench script so both apply the same definition of a miss.
 */
import { anonymise, type RedactionKind } from "../app/anonymiser";

export interface CorpusEntry {
  id: string;
  kind: "received_reply" | "approach";
  text: string;
  mustGo: { kind: RedactionKind; text: string }[];
  mustStay: string[];
}

export interface Share {
  total: number;
  share: number;
}

export interface CorpusScore {
  removal: Partial<Record<RedactionKind, Share & { removed: number }>>;
  keep: Share & { kept: number };
  misses: { id: string; kind: RedactionKind | "keep"; text: string }[];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Case-sensitive whole-word presence, so "Tom" is not found inside "Tomorrow". */
export function appearsAsWord(haystack: string, needle: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{M}\\d_])${escapeRegExp(needle)}(?![\\p{L}\\p{M}\\d_])`, "u").test(haystack);
}

export function scoreCorpus(entries: readonly CorpusEntry[]): CorpusScore {
  const counts = new Map<RedactionKind, { total: number; removed: number }>();
  let keepTotal = 0;
  let kept = 0;
  const misses: CorpusScore["misses"] = [];
  for (const entry of entries) {
    const output = anonymise(entry.text).text;
    for (const go of entry.mustGo) {
      const c = counts.get(go.kind) ?? { total: 0, removed: 0 };
      c.total++;
      if (appearsAsWord(output, go.text)) misses.push({ id: entry.id, kind: go.kind, text: go.text });
      else c.removed++;
      counts.set(go.kind, c);
    }
    for (const stay of entry.mustStay) {
      keepTotal++;
      if (appearsAsWord(output, stay)) kept++;
      else misses.push({ id: entry.id, kind: "keep", text: stay });
    }
  }
  const removal: CorpusScore["removal"] = {};
  for (const [kind, c] of counts) removal[kind] = { ...c, share: c.total === 0 ? 1 : c.removed / c.total };
  return { removal, keep: { total: keepTotal, kept, share: keepTotal === 0 ? 1 : kept / keepTotal }, misses };
}

/** The bars the issue sets: structured details always go; names and companies nearly always. */
export const BARS: Record<RedactionKind | "keep", number> = {
  email: 1,
  phone: 1,
  link: 1,
  handle: 1,
  address: 0.97,
  place: 0.97,
  detail: 1,
  name: 0.97,
  company: 0.97,
  keep: 0.97,
};

export function failedBars(score: CorpusScore): string[] {
  const failed: string[] = [];
  for (const [kind, s] of Object.entries(score.removal)) {
    if (s.share < BARS[kind as RedactionKind]) failed.push(kind);
  }
  if (score.keep.share < BARS.keep) failed.push("keep");
  return failed;
}
const LENGTH = 20_000;

const fill = (unit: string): string => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

export function adversarialInputs(): { label: string; text: string }[] {
  return [
    { label: "digits", text: fill("0123456789") },
    { label: "spaced digits", text: fill("1 ") },
    { label: "dots", text: fill(".") },
    { label: "at signs", text: fill("@") },
    { label: "spaces", text: fill(" ") },
    { label: "a.a.a", text: fill("a.") },
    { label: "a@a@a", text: fill("a@") },
    { label: "dashes and digits", text: fill("1-") },
    { label: "Hi Hi Hi", text: fill("Hi ") },
    { label: "capitalised words", text: fill("Sarah Kim ") },
    { label: "spelled e-mail", text: fill("jane dot ") + " at example dot com" },
    { label: "newlines", text: fill("Best,\n") },
    {
      label: "realistic prose",
      text: fill("Hi Sarah, I spoke with Priya Natarajan at Brightwater Analytics on Monday; call +44 20 7946 0958. "),
    },
    { label: "long url", text: `https://${fill("a/")}` },
    { label: "street numbers", text: fill("12 Baker ") },
    { label: "closings", text: fill("¡Muchas gracias! Lucía ") },
    { label: "organisation heads", text: fill("St. Brigid's Hospital ") },
    { label: "labelled IDs", text: fill("WeChat: kev_1 X: ") },
    { label: "lowercase cues", text: fill("ask for tunde at greyfield and ama's ") },
    { label: "number-last streets", text: fill("Calle de Alcalá 12, 28009 ") },
    { label: "bare domains", text: fill("saffronleaf.in ") },
    { label: "greeting phrases", text: fill("Assalam o Alaikum Sehr geehrte Frau ") },
    { label: "honorific suffixes", text: fill("Tanaka-san 田中様 Getir'deki ") },
    { label: "German nouns", text: fill("ich habe die Personalabteilung und ") },
  ];
}
