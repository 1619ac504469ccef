/**
 * The anonymiser every example message passes through before it is stored: the one entry point.
 *
 * `anonymise(text, { remove, keep })` replaces third-party details with placeholders and reports
 * each redaction with its position in the output. How a text flows through the files of this
 * folder is in README.md. Pure and deterministic: no I/O (but loading its word lists), no clock,
 * no randomness.
 */
import { findAddresses } from "./addresses";
import {
  EMAIL_RE,
  FEDIVERSE_RE,
  HANDLE_RE,
  findLabelledHandles,
  findLinks,
  findPhones,
  findSpelledEmails,
} from "./contacts";
import { findEmployers } from "./employers";
import { COMPANY_SUFFIXES, HOLIDAY_PHRASES, NAME_PARTICLES } from "./lexicon";
import { findLowercaseCues } from "./lowercase";
import { findNameSlots } from "./name-slots";
import { findGreetingsAndCues, findHonorificNames, findLooseNames } from "./names";
import { findCompanies, findOrgPhrases } from "./organisations";
import { findGlosses, findOtherScripts } from "./other-scripts";
import { findHouseNumbers, findPlaces } from "./places";
import { findSignatures } from "./signatures";
import { SpanSet, escapeRegExp, matches, wholeWordPattern } from "./spans";
import { unsureWords } from "./suggestions";
import { classify, isGermanicText, isLowercaseStyle, markGermanicNouns, tokenise } from "./tokens";
import {
  REDACTION_KINDS,
  type AnonymiseOptions,
  type AnonymisedText,
  type Redaction,
  type RedactionKind,
  type Span,
} from "./types";

export {
  REDACTION_KINDS,
  type AnonymiseOptions,
  type AnonymisedText,
  type Redaction,
  type RedactionKind,
} from "./types";

const HOLIDAY_RE = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:${HOLIDAY_PHRASES.map((h) => escapeRegExp(h).replace(/ /g, "[ \\t]+").replace(/'/g, "['’]")).join("|")})(?![\p{L}\p{M}])`,
  "giu",
);
const PLACEHOLDER_RE = new RegExp(String.raw`\[(?:${REDACTION_KINDS.join("|")})\]`, "g");

/**
 * Words to remove by hand are labelled [detail], unless written with a kind first: "place:
 * Lisbon", "name: Sam", "company: Brightwave". A removal says what it is only when its author does.
 */
const CHOSEN_KIND_RE = new RegExp(String.raw`^[ \t]*(${REDACTION_KINDS.join("|")})[ \t]*:[ \t]*(\S.*)$`, "i");

export function requestedRemoval(phrase: string): { kind: RedactionKind; text: string } {
  const chosen = CHOSEN_KIND_RE.exec(phrase);
  const kind = chosen?.[1]?.toLowerCase() as RedactionKind | undefined;
  return kind && chosen?.[2] ? { kind, text: chosen[2].trim() } : { kind: "detail", text: phrase.trim() };
}
function findStructured(text: string, out: SpanSet): void {
  for (const m of matches(FEDIVERSE_RE, text)) out.add(m.index, m.index + m[0].length, "handle");
  for (const m of matches(EMAIL_RE, text)) out.add(m.index, m.index + m[0].length, "email");
  findSpelledEmails(text, out);
  findLinks(text, out);
  for (const m of matches(HANDLE_RE, text)) out.add(m.index, m.index + m[0].length, "handle");
  findPhones(text, out);
  // After phones, so "Signal: 07700 900123" stays one phone number rather than an ID and a stub.
  findLabelledHandles(text, out);
  findAddresses(text, out);
}

function findRequested(text: string, remove: readonly string[], out: SpanSet): void {
  for (const phrase of remove) {
    const { kind, text: words } = requestedRemoval(phrase);
    if (words === "") continue;
    for (const m of matches(wholeWordPattern(words, "giu"), text)) out.add(m.index, m.index + m[0].length, kind);
  }
}

/** Every other whole-word occurrence of a detected name or company goes too. */
function propagate(text: string, out: SpanSet, keep: ReadonlySet<string>): void {
  const found = new Map<string, RedactionKind>();
  for (const s of out.spans) {
    if (s.kind !== "name" && s.kind !== "company") continue;
    const original = text.slice(s.start, s.end);
    found.set(original, s.kind);
    for (const part of original.split(/[ \t]+/)) {
      const lower = part.toLowerCase();
      if (
        part.length > 1 &&
        /^\p{Lu}/u.test(part) &&
        classify(lower) !== "stop" &&
        !COMPANY_SUFFIXES.has(lower) &&
        !NAME_PARTICLES.has(lower)
      ) {
        if (!found.has(part)) found.set(part, s.kind);
      }
    }
  }
  const byLength = [...found].sort((a, b) => b[0].length - a[0].length);
  for (const [phrase, kind] of byLength) {
    if (keep.has(phrase.toLowerCase())) continue;
    for (const m of matches(wholeWordPattern(phrase, "gu"), text)) out.add(m.index, m.index + m[0].length, kind);
  }
}

function render(text: string, spans: Span[]): Omit<AnonymisedText, "unsure"> {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let output = "";
  let cursor = 0;
  const redactions: Redaction[] = [];
  for (const s of sorted) {
    output += text.slice(cursor, s.start);
    const placeholder = `[${s.kind}]`;
    redactions.push({
      kind: s.kind,
      placeholder,
      start: output.length,
      end: output.length + placeholder.length,
      original: text.slice(s.start, s.end),
    });
    output += placeholder;
    cursor = s.end;
  }
  return { text: output + text.slice(cursor), redactions };
}

/** Replace third-party details in `text` with placeholders; see the module comment. */
export function anonymise(text: string, options: AnonymiseOptions = {}): AnonymisedText {
  const keep = new Set((options.keep ?? []).map((k) => k.trim().toLowerCase()).filter((k) => k !== ""));
  const protectedSpans = [...matches(PLACEHOLDER_RE, text)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
  const kept = (spans: SpanSet): SpanSet => {
    const filtered = new SpanSet(text.length, protectedSpans);
    for (const s of spans.spans) {
      if (!keep.has(text.slice(s.start, s.end).trim().toLowerCase())) filtered.add(s.start, s.end, s.kind);
    }
    return filtered;
  };

  const structured = new SpanSet(text.length, protectedSpans);
  findStructured(text, structured);
  findRequested(text, options.remove ?? [], structured);
  const spans = kept(structured);

  const holidays = [...matches(HOLIDAY_RE, text)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const tokens = tokenise(text, new SpanSet(text.length, [...spans.spans, ...holidays]));
  const people = new SpanSet(text.length, [...protectedSpans, ...spans.spans, ...holidays]);
  const lowercaseStyle = isLowercaseStyle(tokens);
  const germanic = isGermanicText(tokens);
  if (germanic) markGermanicNouns(tokens);
  findOtherScripts(text, tokens, people);
  findHouseNumbers(text, tokens, people);
  findHonorificNames(text, tokens, people);
  findPlaces(text, tokens, lowercaseStyle, people);
  findSignatures(text, tokens, people);
  findGreetingsAndCues(text, tokens, lowercaseStyle, people);
  findNameSlots(text, tokens, lowercaseStyle, people);
  findEmployers(text, tokens, lowercaseStyle, people);
  if (lowercaseStyle) findLowercaseCues(text, tokens, people);
  findOrgPhrases(text, tokens, people);
  findCompanies(tokens, people);
  findLooseNames(tokens, people, germanic);
  findGlosses(text, people);
  const verified = kept(people);
  const all = new SpanSet(text.length, protectedSpans);
  for (const s of [...spans.spans, ...verified.spans]) all.add(s.start, s.end, s.kind);
  propagate(text, all, keep);
  return { ...render(text, all.spans), unsure: unsureWords(tokens, all, keep) };
}
