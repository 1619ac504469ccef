/** "Flag" on a post: a disclosure with the reasons, a note, and a real submit button; no JavaScript needed. */
import { Form } from "@remix-run/react";
import type { PostKind } from "../../db/schema";
import { FLAG_REASON_LABEL, flagReasonsFor } from "~/utils/flag-reasons";

export function FlagForm({ postId, postNumber, kind, action, flagged }: { postId: number; postNumber: number; kind: PostKind; action: string; flagged: boolean }) {
  if (flagged) return <span className="meta">You flagged this for moderators.</span>;
  const reasons = flagReasonsFor(kind);
  return (
    <details className="flag">
      <summary>Flag</summary>
      <Form method="post" action={action} className="flag__form">
        <input type="hidden" name="postId" value={postId} />
        <fieldset>
          <legend>What is wrong with post #{postNumber}?</legend>
          {reasons.map((reason, i) => (
            <label key={reason} className="choice">
              <input type="radio" name="reason" value={reason} defaultChecked={i === 0} required /> {FLAG_REASON_LABEL[reason]}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={`flag-note-${postId}`}>Note for moderators (optional)</label>
          <input type="text" id={`flag-note-${postId}`} name="note" maxLength={500} />
        </div>
        <button type="submit" name="intent" value="flag" className="button--danger">
          Send flag
        </button>
      </Form>
    </details>
  );
}
