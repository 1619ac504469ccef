/** The form that flags a post for moderators: its reasons, a note, and a real submit button; no JavaScript needed. */
import { Form, Link } from "@remix-run/react";
import type { PostKind } from "../../db/schema";
import { NOTE_MAX } from "~/utils/field-limits";
import { FLAG_REASON_LABEL, flagReasonsFor } from "~/utils/flag-reasons";

export function FlagForm({
  postId,
  postNumber,
  kind,
  action,
  cancelHref,
}: {
  postId: number;
  postNumber: number;
  kind: PostKind;
  action: string;
  cancelHref: string;
}) {
  const reasons = flagReasonsFor(kind);
  return (
    <Form method="post" action={action} className="form flag__form">
      <input type="hidden" name="postId" value={postId} />
      <fieldset>
        <legend>What is wrong with post #{postNumber}?</legend>
        {reasons.map((reason, i) => (
          <label key={reason} className="choice">
            <input type="radio" name="reason" value={reason} defaultChecked={i === 0} required />{" "}
            {FLAG_REASON_LABEL[reason]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="flag-note">Note for moderators (optional)</label>
        <input type="text" id="flag-note" name="note" maxLength={NOTE_MAX} />
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="flag" className="button--danger">
          Send flag
        </button>
        <Link to={cancelHref}>Cancel</Link>
      </div>
    </Form>
  );
}
