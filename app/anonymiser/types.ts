/**
 * What a placeholder stands for. `place` is a city, venue or event; `detail` is what a member or a
 * moderator removed by hand without saying what it was.
 */
export type RedactionKind = "name" | "email" | "phone" | "link" | "handle" | "company" | "address" | "place" | "detail";

export const REDACTION_KINDS: readonly RedactionKind[] = [
  "name",
  "email",
  "phone",
  "link",
  "handle",
  "company",
  "address",
  "place",
  "detail",
];

export interface Redaction {
  kind: RedactionKind;
  /** e.g. "[name]" */
  placeholder: string;
  /** Position of the placeholder in the output text. */
  start: number;
  end: number;
  /** The text that was removed. */
  original: string;
}

export interface AnonymiseOptions {
  /** Extra words or phrases to remove (case-insensitive, whole words). */
  remove?: string[];
  /** Strings that must not be redacted even if detected (compared case-insensitively). */
  keep?: string[];
}

export interface AnonymisedText {
  text: string;
  redactions: Redaction[];
  /** Words left in place that may still identify someone ("Are these names?"), each once. */
  unsure: string[];
}

export interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
}
