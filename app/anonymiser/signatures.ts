import {
  EMPLOYER_BRANDS,
  CALENDAR_NAMES,
  CLOSINGS,
  MONTHS_AND_DAYS,
  NAME_PARTICLES,
  TITLES,
  WORD_NAMES,
} from "./lexicon";
import { SpanSet, escapeRegExp, matches } from "./spans";
import {
  signatureShaped,
  type Line,
  type Token,
  addNameTokens,
  isOrdinary,
  isOrgOrPlace,
  isTitleSegment,
  isTitleWord,
  linesOf,
  tokensIn,
} from "./tokens";

export const closingAlternation = [...CLOSINGS]
  .sort((a, b) => b.length - a.length)
  .map((c) => escapeRegExp(c).replace(/ /g, "[ \\t]+"))
  .join("|");

export const SIGN_OFF_RE = new RegExp(String.raw`^[¡¿]?(?:${closingAlternation})(?![\p{L}\p{M}])[ \t]*[,.!]*`, "iu");

/**
 * A line that could be a signature's name: one to four words, no digits or symbols. In a slot only a
 * name fills (after a closing, or a dash), a lone "May", "Jun" or "Hope" is taken as one too.
 */
export function nameLineTokens(line: Line, tokens: Token[], nameSlot = false): Token[] | undefined {
  const content = line.text.replace(/^[ \t]*[-–—~]+[ \t]*/, "").trim();
  if (content === "" || /[\d@:/|,]/.test(content) || content.length > 40) return undefined;
  const ts = tokensIn(tokens, line.start, line.start + line.text.length);
  if (ts.length === 0 || ts.length > 4) return undefined;
  // "Thu", "May" and "Hope" are names too: inside a capitalised line of two or more words with an
  // unlisted word beside them, they are taken as part of the name.
  const wordName = (t: Token): boolean =>
    (ts.length > 1 &&
      t.shape === "cap" &&
      (MONTHS_AND_DAYS.has(t.lower) || WORD_NAMES.has(t.lower)) &&
      ts.some((o) => o.cls !== "stop")) ||
    (nameSlot && ts.length === 1 && (CALENDAR_NAMES.has(t.lower) || WORD_NAMES.has(t.lower)));
  if (ts.some((t) => t.cls === "stop" && !NAME_PARTICLES.has(t.lower) && !wordName(t))) return undefined;
  const cased = ts.filter((t) => t.shape !== "caseless");
  if (
    cased.some((t) => t.shape === "lower" && !NAME_PARTICLES.has(t.lower)) &&
    cased.some((t) => t.shape !== "lower")
  ) {
    return undefined;
  }
  return ts;
}

/** Company lines under a signature's name: "Head of Operations, Juniper Ridge Capital". */
export function signatureLines(lines: Line[], from: number, tokens: Token[], out: SpanSet): void {
  for (let k = from; k < Math.min(lines.length, from + 5); k++) {
    const line = lines[k];
    if (line === undefined || line.text.trim() === "") return;
    const segmentRe = /[^,|·•/()]+/g;
    for (const seg of matches(segmentRe, line.text)) {
      const segStart = line.start + seg.index;
      const ts = tokensIn(tokens, segStart, segStart + seg[0].length).filter((t) => !t.blocked);
      if (ts.length === 0 || ts.length > 5 || /^\s*[\w ]{1,12}:/.test(seg[0])) continue;
      if (isTitleSegment(ts) || ts.some((t) => t.shape === "lower" && !TITLES.has(t.lower))) continue;
      if (ts.every((t) => t.cls === "stop" || t.cls === "place") && !ts.some((t) => EMPLOYER_BRANDS.has(t.lower)))
        continue;
      // "Head of Operations at Brightwater": only the words after the last title word.
      let firstOwn = 0;
      ts.forEach((t, idx) => {
        if (TITLES.has(t.lower) || t.lower === "at") firstOwn = idx + 1;
      });
      const own = ts.slice(firstOwn);
      const lastOwn = own[own.length - 1];
      if (own[0] === undefined || lastOwn === undefined) continue;
      out.add(own[0].start, lastOwn.end, "company");
    }
  }
}

export function findSignatures(text: string, tokens: Token[], out: SpanSet): void {
  const lines = linesOf(text);
  lines.forEach((line, k) => {
    const trimmed = line.text.trim();
    const signOff = SIGN_OFF_RE.exec(trimmed);
    const dashed = /^[-–—~]{1,2}[ \t]*\S/.test(trimmed);
    let nameLine: number | undefined;
    // A closing alone on its line, or the e-mail signature delimiter "--".
    if ((signOff !== null && signOff[0].length === trimmed.length) || /^(?:--|—|–)$/.test(trimmed)) {
      // The name is on the next non-empty line.
      let n = k + 1;
      if (lines[n]?.text.trim() === "") n++;
      const candidate = lines[n];
      if (candidate !== undefined && nameLineTokens(candidate, tokens, true)) nameLine = n;
      else if (candidate !== undefined) nameBeforeSeparator(lines, n, tokens, out);
    } else if (signOff !== null || dashed) {
      // "Best, Sarah Kim" / "— Tomás Ruiz": the name shares the line.
      const offset = line.start + line.text.indexOf(trimmed) + (signOff?.[0].length ?? 0);
      const rest = { start: offset, text: text.slice(offset, line.start + line.text.length) };
      if (nameLineTokens(rest, tokens, true) && (dashed || /[,!-–—]/.test(signOff?.[0] ?? ""))) {
        addNameTokens(tokensIn(tokens, rest.start, rest.start + rest.text.length), out);
        signatureLines(lines, k + 1, tokens, out);
      }
      return;
    }
    if (nameLine === undefined) return;
    const nl = lines[nameLine];
    if (nl === undefined) return;
    addNameTokens(tokensIn(tokens, nl.start, nl.start + nl.text.length), out);
    signatureLines(lines, nameLine + 1, tokens, out);
  });
  findClosingName(lines, tokens, out);
  findTrailingName(lines, tokens, out);
  findTitledSignatures(lines, tokens, out);
  findInlineSignOff(lines, tokens, out);
}

/** "George | Xcelerate Talent", "Lucía Pérez · Recursos Humanos" under a closing: name, then the rest. */
export function nameBeforeSeparator(lines: Line[], n: number, tokens: Token[], out: SpanSet): void {
  const line = lines[n];
  const cut = line?.text.search(/[|·•,–—]/) ?? -1;
  if (line === undefined || cut <= 0) return;
  const ts = nameLineTokens({ start: line.start, text: line.text.slice(0, cut) }, tokens, true);
  if (!ts || !ts.every(signatureShaped)) return;
  addNameTokens(ts, out);
  signatureLines(lines, n, tokens, out);
}

/** A closing and a name ending the last line: "— maya", "Best, Imogen", "¡Gracias! Lucía", "Thank you! Yaw". */
export const INLINE_SIGN_OFF_RE = new RegExp(
  String.raw`(?:^|[.!?)\u{1F300}-\u{1FAFF}][ \t]+|[ \t])(?:[-–—]{1,2}|[¡¿]?(?:${closingAlternation})[ \t]*[,!]{1,3})[ \t]+` +
    String.raw`([\p{L}][\p{L}\p{M}'’ -]{0,40}?)[ \t]*[.!]?[ \t]*$`,
  "iu",
);

/** "…ping me in january? — maya" or "I'll pass. Best, Imogen" on the message's last line. */
export function findInlineSignOff(lines: Line[], tokens: Token[], out: SpanSet): void {
  const last = [...lines].reverse().find((l) => l.text.trim() !== "");
  if (last === undefined) return;
  const m = INLINE_SIGN_OFF_RE.exec(last.text);
  const name = m?.[1];
  if (m === null || name === undefined) return;
  const start = last.start + m.index + m[0].lastIndexOf(name);
  const ts = nameLineTokens({ start, text: name }, tokens, true);
  // After "Thanks!" a word may simply start the next sentence ("Thanks! Appreciated"): only
  // words that can be names count there.
  const exclaimed = /!\s+\S[^!]*$/.test(m[0]) && !/[-–—]/.test(m[0]);
  if (exclaimed && ts?.some((t) => t.cls === "word" && !WORD_NAMES.has(t.lower))) return;
  if (ts && ts.length <= 3) addNameTokens(ts, out);
}

/** Signatures without a sign-off: a name line above (or beside) a job-title line. */
export function findTitledSignatures(lines: Line[], tokens: Token[], out: SpanSet): void {
  lines.forEach((line, k) => {
    const segments = [...matches(/[^,|·•@]+/g, line.text)]
      .map((seg) => tokensIn(tokens, line.start + seg.index, line.start + seg.index + seg[0].length))
      .filter((ts) => ts.length > 0);
    const isTitle = (ts: Token[]) =>
      ts.some((t) => isTitleWord(t.lower) && t.shape !== "lower" && !/^(?:of|and|the)$/.test(t.lower)) &&
      isTitleSegment(ts);
    const titleAt = segments.findIndex(isTitle);
    if (titleAt === -1) return;
    const first = segments[0];
    if (
      titleAt > 0 &&
      first !== undefined &&
      first.length <= 3 &&
      first.every((t) => signatureShaped(t) && t.cls !== "stop")
    ) {
      addNameTokens(first, out);
    } else if (titleAt === 0) {
      const above = lines[k - 1];
      const ts = above === undefined ? undefined : nameLineTokens(above, tokens);
      if (!ts || !ts.every(signatureShaped)) return;
      addNameTokens(ts, out);
    } else {
      return;
    }
    signatureLines(lines, k, tokens, out);
  });
}

/**
 * Whether a last line is a name rather than a closing phrase: no ordinary words, except that a
 * word that is also a given name ("Will", "Hope") may lead a full name ("Will Ashworth").
 */
export function isClosingName(ts: Token[]): boolean {
  if (ts.every((t) => t.cls !== "word")) return true;
  const [first, ...rest] = ts;
  return (
    first !== undefined &&
    WORD_NAMES.has(first.lower) &&
    rest.length > 0 &&
    rest.every((t) => t.cls === "name" || (t.cls === "unknown" && !isOrdinary(t)))
  );
}

/** A message that ends on a bare capitalised name ("Talk soon.\nPriya"). */
export function findClosingName(lines: Line[], tokens: Token[], out: SpanSet): void {
  for (let k = lines.length - 1; k > 0; k--) {
    const line = lines[k];
    if (line === undefined) return;
    if (line.text.trim() === "") continue;
    const ts = nameLineTokens(line, tokens);
    if (ts && ts.length <= 4 && ts.every(signatureShaped) && isClosingName(ts)) {
      addNameTokens(ts, out);
    } else if (!ts && /^[^|·•]{2,40}[ \t][|·•][ \t]/.test(line.text)) {
      nameBeforeSeparator(lines, k, tokens, out); // "George | Xcelerate Talent"
    }
    return;
  }
}

/** One to three capitalised words closing the message after a full stop: "…set something up. Hiwot". */
export const TRAILING_NAME_RE =
  /[.!?][ \t]+(\p{Lu}[\p{L}\p{M}'’-]{1,30}(?:[ \t]\p{Lu}[\p{L}\p{M}'’-]{1,30}){0,2})[ \t]*[.!]?[ \t]*$/u;

/**
 * A name signed at the end of the last line, with no closing word or one we do not know
 * ("Dyakuyu! Olena"). Only words no lexicon knows, or knows as names, count: "…soon. Cheers" or
 * "…the role. Thanks" stay.
 */
export function findTrailingName(lines: Line[], tokens: Token[], out: SpanSet): void {
  const last = [...lines].reverse().find((l) => l.text.trim() !== "");
  const m = last === undefined ? null : TRAILING_NAME_RE.exec(last.text);
  const name = m?.[1];
  if (last === undefined || m === null || name === undefined) return;
  const start = last.start + m.index + m[0].indexOf(name);
  const ts = tokensIn(tokens, start, start + name.length);
  const nameLike = (t: Token): boolean =>
    !t.blocked && (t.cls === "name" || (t.cls === "unknown" && !isOrdinary(t) && !isOrgOrPlace(t)));
  if (ts.length > 0 && ts.every(nameLike)) addNameTokens(ts, out);
}
