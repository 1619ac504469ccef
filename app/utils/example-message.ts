/**
 * Example messages (approaches and received replies): anonymised plain text.
 * Both the preview and the stored text come from `anonymiseExample`, run on
 * the server each time, so what is stored never depends on the browser.
 * Server-only in practice: it pulls in compromise, far too large for a page.
 */
import { anonymise, type Redaction, type RedactionKind } from "~/anonymiser";
import { escapeHtml, plainTextToHtml } from "./plain-text";
import { REDACTION_EXPLANATION } from "./redaction-kinds";

export interface ExampleDraft {
  text: string;
  contextLine: string;
  remove: string[];
  keep: string[];
}

export interface AnonymisedExample {
  text: string;
  contextLine: string | null;
  redactions: Redaction[];
  contextRedactions: Redaction[];
  unsure: string[];
}

/** "Sarah, Brightwater\nKim" → ["Sarah", "Brightwater", "Kim"]: the member's extra words to remove. */
export function parseWordList(value: string): string[] {
  const seen = new Set<string>();
  return value
    .split(/[\n,;]+/)
    .map((word) => word.trim().replace(/\s+/g, " "))
    .filter(
      (word) => word.length > 0 && word.length <= 100 && !seen.has(word.toLowerCase()) && seen.add(word.toLowerCase()),
    )
    .slice(0, 50);
}

export function anonymiseExample(draft: ExampleDraft): AnonymisedExample {
  const options = { remove: draft.remove, keep: draft.keep };
  const body = anonymise(draft.text.replace(/\r\n?/g, "\n").trim(), options);
  const context = anonymise(draft.contextLine.replace(/\s+/g, " ").trim(), options);
  return {
    text: body.text,
    contextLine: context.text || null,
    redactions: body.redactions,
    contextRedactions: context.redactions,
    unsure: [...new Set([...context.unsure, ...body.unsure])],
  };
}

const PLACEHOLDER = /\[(name|email|phone|link|handle|company|address|place|detail)\]/g;

/** The stored HTML of an example message: escaped text, its line breaks, and its placeholders marked. */
export function exampleMessageHtml(text: string): string {
  return plainTextToHtml(text).replace(PLACEHOLDER, (placeholder, kind: RedactionKind) => {
    return `<span class="redacted" title="${escapeHtml(`Removed: ${REDACTION_EXPLANATION[kind]}`)}">${placeholder}</span>`;
  });
}

export type PreviewSegment = { text: string } | { placeholder: string; kind: RedactionKind; original: string };

/** Splits anonymised text into plain runs and marked redactions, for the preview. */
export function previewSegments(text: string, redactions: Redaction[]): PreviewSegment[] {
  const segments: PreviewSegment[] = [];
  let at = 0;
  for (const r of [...redactions].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    if (r.start > at) segments.push({ text: text.slice(at, r.start) });
    segments.push({ placeholder: r.placeholder, kind: r.kind, original: r.original });
    at = r.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}

export interface ExamplePreview {
  body: PreviewSegment[];
  context: PreviewSegment[];
  /** Each distinct redacted text once, for "keep this" choices. */
  removed: { original: string; kind: RedactionKind }[];
  /** Words the anonymiser kept but is unsure of: "Are these names?", one press removes each. */
  unsure: string[];
}

export function examplePreview(draft: ExampleDraft): ExamplePreview {
  const result = anonymiseExample(draft);
  const seen = new Set<string>();
  const removed: ExamplePreview["removed"] = [];
  for (const r of [...result.contextRedactions, ...result.redactions]) {
    const key = r.original.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    removed.push({ original: r.original, kind: r.kind });
  }
  return {
    body: previewSegments(result.text, result.redactions),
    context: previewSegments(result.contextLine ?? "", result.contextRedactions),
    removed,
    unsure: result.unsure,
  };
}
