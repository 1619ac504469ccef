import type { DiffPart } from "~/utils/word-diff";

/**
 * Inserted and deleted words as <ins>/<del>, each with a hidden text label so a screen reader
 * (and a colour-blind reader, by the underline and strike-through) knows which is which.
 * Text only: React escapes it, nothing is rendered as HTML.
 */
export function WordDiff({ parts }: { parts: DiffPart[] }) {
  return (
    <p className="word-diff">
      {parts.map((part, i) =>
        part.kind === "added" ? (
          <ins key={i}>
            <span className="visually-hidden">[added: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : part.kind === "removed" ? (
          <del key={i}>
            <span className="visually-hidden">[removed: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
