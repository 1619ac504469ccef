import { type RedactionKind, type Span } from "./types";

/** Overlap-free collector: earlier (higher-priority) spans win. Coverage is a bitmap so checks stay linear. */
export class SpanSet {
  readonly spans: Span[] = [];
  private readonly covered: Uint8Array;

  constructor(length: number, taken: readonly { start: number; end: number }[] = []) {
    this.covered = new Uint8Array(length);
    for (const s of taken) this.covered.fill(1, s.start, s.end);
  }

  overlaps(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.covered[i] === 1) return true;
    return false;
  }

  add(start: number, end: number, kind: RedactionKind): boolean {
    if (end <= start || this.overlaps(start, end)) return false;
    this.covered.fill(1, start, end);
    this.spans.push({ start, end, kind });
    return true;
  }
}

export function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    yield m;
  }
}

export function trimTrailingPunctuation(s: string): string {
  return s.replace(/[.,;:!?'")\]}>]+$/, "");
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function wholeWordPattern(phrase: string, flags: string): RegExp {
  const body = phrase
    .trim()
    .split(/\s+/)
    .map(escapeRegExp)
    .join(String.raw`\s+`);
  return new RegExp(String.raw`(?<![\p{L}\p{M}\d_])${body}(?![\p{L}\p{M}\d_])`, flags);
}
