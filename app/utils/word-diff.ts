/**
 * A post's history shows each version's changes from the one before, word by word. The texts
 * compared are the stored ones (examples already anonymised, earlier versions already redacted
 * by post-history.server.ts), so a diff can only show words a reader could already see.
 */
import { diffWords } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** `after` compared with `before`: runs of unchanged, inserted and deleted words, in reading order. */
export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

/** A version's text as the diff compares it: the context line (if any) above the message. */
export function diffableText(body: string, contextLine: string | null): string {
  return contextLine ? `${contextLine}\n\n${body}` : body;
}
