/**
 * The form that flags a post for moderators: its reasons (none chosen for the member), the
 * words that identify someone when it is not properly anonymised, a note, and a real submit
 * button; no JavaScript needed. On a refusal it shows each message beside its field and keeps
 * what was typed.
 */
import { Form, Link } from "@remix-run/react";
import { NOTE_MAX } from "~/utils/field-lengths";
import { FLAG_REASON_LABEL, flagReasonsFor } from "~/utils/flag-reasons";
import type { PostKind } from "../../db/schema";
import { Field } from "./field";

export function FlagForm({
  postNumber,
  kind,
  cancelHref,
  errors = {},
  values = {},
}: {
  postNumber: number;
  kind: PostKind;
  cancelHref: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const reasons = flagReasonsFor(kind);
  return (
    <Form method="post" className="form flag__form">
      {errors.form ? (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <fieldset aria-describedby={errors.reason ? "flag-reason-error" : undefined}>
        <legend>What is wrong with post #{postNumber}?</legend>
        {reasons.map((reason) => (
          <label key={reason} className="choice">
            <input type="radio" name="reason" value={reason} defaultChecked={values.reason === reason} required />{" "}
            {FLAG_REASON_LABEL[reason]}
          </label>
        ))}
        {errors.reason ? (
          <p className="field-error" id="flag-reason-error">
            {errors.reason}
          </p>
        ) : null}
      </fieldset>
      {reasons.includes("not_anonymised") ? (
        <Field
          label="Which words identify someone?"
          name="words"
          id="flag-words"
          hint="Needed for “Not properly anonymised”: copy the name, place or detail. Only moderators see it, and it is deleted once they rule."
          error={errors.words}
          defaultValue={values.words}
          maxLength={NOTE_MAX}
        />
      ) : null}
      <Field
        label="Note for moderators (optional)"
        name="note"
        id="flag-note"
        error={errors.note}
        defaultValue={values.note}
        maxLength={NOTE_MAX}
      />
      <div className="actions">
        <button type="submit" name="intent" value="flag" className="button--danger">
          Send flag
        </button>
        <Link to={cancelHref}>Cancel</Link>
      </div>
    </Form>
  );
}
