/**
 * "Add to guide" under an example message, for moderators: a disclosure with
 * the guide section, the mark ("Do" or "Avoid") and the note, posting intent=add-entry to /mod/guide.
 * Without JavaScript it is a plain form post (a refusal shows on /mod/guide; a success comes back with
 * `?added=<postId>`, and the form says so);
 * with it, a fetcher keeps the moderator on the thread and shows any refusal
 * beside the fields.
 */
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { ENTRY_NOTE_MAX } from "~/utils/field-lengths";
import { FormError, TextAreaField } from "./field";
import { GuideMarkChoice } from "./guide-mark";

/** What /mod/guide answers a refused entry with: the message per field and what was typed. */
export interface GuideRefusal {
  formId: string;
  errors: Record<string, string>;
  values: Record<string, string>;
}

interface Props {
  postId: number;
  sections: { id: number; title: string }[];
  /** A same-site path to come back to once the entry is added, e.g. the message's own address. */
  returnTo: string;
  /** A refusal already answered by the server (the no-JavaScript path), shown with what was typed. */
  refused?: { errors: Record<string, string>; values: Record<string, string> };
  /** The page was reached by adding this message (`?added=<postId>`, the plain form post's redirect). */
  addedNow?: boolean;
}

export function AddToGuideForm({ postId, sections, returnTo, refused, addedNow = false }: Props) {
  const fetcher = useFetcher<GuideRefusal>();
  const selectId = useId();
  const [added, setAdded] = useState(addedNow);
  const wasBusy = useRef(false);

  // A success answers with a redirect, which leaves no data behind: "busy, then idle, with no data" means added.
  useEffect(() => {
    if (fetcher.state !== "idle") {
      wasBusy.current = true;
      // The fetcher is outside React's state: its busy-then-idle transition is only seen here.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setAdded(false);
    } else if (wasBusy.current) {
      wasBusy.current = false;
      setAdded(fetcher.data === undefined);
    }
  }, [fetcher.state, fetcher.data]);

  if (sections.length === 0) {
    return (
      <p className="meta add-to-guide">
        The guide has no sections yet: <Link to="/mod/guide">create one</Link> to add messages to it.
      </p>
    );
  }
  if (added) {
    return (
      <p className="meta add-to-guide" role="status">
        Added to the guide. <Link to="/mod/guide">Edit the guide</Link>
      </p>
    );
  }

  const answer = fetcher.data ?? refused;
  const errors: Record<string, string> = answer?.errors ?? {};
  const values: Record<string, string> = answer?.values ?? {};
  const selectError = errors.sectionId ? `${selectId}-error` : undefined;
  return (
    <details className="add-to-guide flag" open={answer !== undefined}>
      <summary>Add to guide</summary>
      <fetcher.Form method="post" action="/mod/guide" className="flag__form">
        <input type="hidden" name="postId" value={postId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <FormError message={errors.form ?? errors.postId} />
        <div className="field">
          <label htmlFor={selectId}>Guide section</label>
          <select
            id={selectId}
            name="sectionId"
            defaultValue={values.sectionId}
            aria-invalid={selectError ? true : undefined}
            aria-describedby={selectError}
          >
            {sections.map((section) => (
              <option key={section.id} value={section.id}>
                {section.title}
              </option>
            ))}
          </select>
          {selectError ? (
            <p className="field-error" id={selectError}>
              {errors.sectionId}
            </p>
          ) : null}
        </div>
        <GuideMarkChoice chosen={values.mark} error={errors.mark} />
        <TextAreaField
          label="Why it works — or why to avoid it"
          name="note"
          hint="Shown under the message in the guide. Markdown."
          defaultValue={values.note}
          error={errors.note}
          maxLength={ENTRY_NOTE_MAX}
          rows={3}
          required
        />
        <button type="submit" name="intent" value="add-entry">
          Add to guide
        </button>
      </fetcher.Form>
    </details>
  );
}
