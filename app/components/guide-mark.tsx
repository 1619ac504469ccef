/** A guide entry's "Do" / "Avoid" mark: the badge readers see, and the choice moderators make. */
import { useId } from "react";
import { GUIDE_MARK_CHOICE, GUIDE_MARK_LABEL, GUIDE_MARKS, type GuideMark } from "~/utils/guide-marks";

/** The mark as a word in a badge: never colour alone. */
export function GuideMarkBadge({ mark }: { mark: GuideMark }) {
  return <span className={`guide-mark guide-mark--${mark}`}>{GUIDE_MARK_LABEL[mark]}</span>;
}

/** Two radio buttons in a fieldset, with the server's message beside them. `chosen` falls back to "do". */
export function GuideMarkChoice({
  chosen,
  error,
  legend = "Mark it",
}: {
  chosen: string | undefined;
  error?: string;
  legend?: string;
}) {
  const errorId = `${useId()}-mark-error`;
  const checked = GUIDE_MARKS.find((mark) => mark === chosen) ?? (error ? undefined : "do");
  return (
    <fieldset className="guide-mark-choice" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {GUIDE_MARKS.map((mark) => (
        // Keyed by the choice, so a new answer from the server resets which one is checked.
        <label key={`${mark}-${checked ?? ""}`} className="choice">
          <input type="radio" name="mark" value={mark} defaultChecked={checked === mark} required />{" "}
          {GUIDE_MARK_CHOICE[mark]}
        </label>
      ))}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
