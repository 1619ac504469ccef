/**
 * /mod/guide's pieces for one guide entry: its mark, note, order, section and removal. Every button
 * that changes something carries `data-refocus`, so that once the change is made the page can put
 * focus back on the same button (useRefocusAfterChange), wherever the entry now stands.
 */
import { Form, Link, useActionData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { GuideEntryView } from "~/models/guide.server";
import { ENTRY_NOTE_MAX } from "~/utils/field-lengths";
import type { GuideRefusal } from "./add-to-guide-form";
import { FormError, TextAreaField } from "./field";
import { GuideMarkBadge, GuideMarkChoice } from "./guide-mark";
import { KIND_LABEL } from "./post-card";
import { Score } from "./vote-controls";

export type EditorEntry = GuideEntryView & { href: string };

/** The messages and typed values for one form, when the last submission was that form's and was refused. */
export function useFormAnswer(formId: string) {
  const answer = useActionData<GuideRefusal>();
  if (!answer || answer.formId !== formId) return { errors: {} as Record<string, string>, values: null };
  return { errors: answer.errors, values: answer.values };
}

const DONE: Record<string, string> = {
  "create-section": "Section created.",
  "edit-section": "Section saved.",
  "move-section-up": "Section moved up.",
  "move-section-down": "Section moved down.",
  "remove-section": "Section removed, with its entries. The guide's history records it.",
  "edit-entry": "Note saved.",
  "mark-entry": "Mark saved.",
  "move-entry-up": "Moved up.",
  "move-entry-down": "Moved down.",
  "move-entry-to-section": "Moved to this section, at its end.",
  "remove-entry": "Entry removed from the guide; the message stays in its thread.",
  "accept-version": "New version accepted: readers see it now.",
};

/**
 * "Done" beside what a change touched: the editor's redirect names the change (`done`) and the element
 * (`at`; none for the page itself). Hidden while the page shows a refusal instead.
 */
export function DoneHere({ at }: { at: string | null }) {
  const [search] = useSearchParams();
  const refused = useActionData<GuideRefusal>();
  const done = search.get("done") ?? "";
  // Own keys only: `?done=__proto__` must not reach the object's prototype.
  const message = Object.hasOwn(DONE, done) ? DONE[done] : undefined;
  if (!message || refused || (search.get("at") ?? null) !== at) return null;
  return (
    <p className="notice notice--success guide-editor__done" role="status">
      {message}
    </p>
  );
}

/** What a submitted button is called in `data-refocus`: its intent, and its direction for the move buttons. */
function refocusKey(form: FormData): string {
  const intent = form.get("intent");
  const direction = form.get("direction");
  const name = typeof intent === "string" ? intent : "";
  return typeof direction === "string" && direction ? `${name}:${direction}` : name;
}

const OTHER_DIRECTION: Record<string, string> = { up: "down", down: "up" };

/**
 * After a change on the page succeeds, the element it redirected to (the URL's #fragment) gets focus
 * back on the button that was pressed: React moved or remounted it, and focus was lost with it. A
 * move to the top or bottom has no button in that direction any more, so the other direction's takes
 * it; a button that is gone altogether leaves focus on the changed element itself (tabindex=-1).
 * Without JavaScript the fragment alone brings the reader back to the changed entry or section.
 */
export function useRefocusAfterChange() {
  const navigation = useNavigation();
  const location = useLocation();
  const refused = useActionData<GuideRefusal>();
  const pending = useRef<string | null>(null);

  useEffect(() => {
    if (navigation.state === "submitting" && navigation.formData) pending.current = refocusKey(navigation.formData);
  }, [navigation.state, navigation.formData]);

  useEffect(() => {
    if (navigation.state !== "idle" || pending.current === null) return;
    const key = pending.current;
    pending.current = null;
    // Refused: nothing moved, the form and its messages are where they were.
    if (refused) return;
    const id = decodeURIComponent(location.hash.slice(1));
    const target = (id && document.getElementById(id)) || document.getElementById("guide-editor-title");
    if (!target) return;
    const [intent, direction] = key.split(":");
    const candidates = [key, direction ? `${intent}:${OTHER_DIRECTION[direction]}` : null].filter(Boolean);
    const button = candidates
      .map((k) => target.querySelector<HTMLElement>(`[data-refocus="${k}"]`))
      .find((el) => el !== null && el.offsetParent !== null);
    (button ?? target).focus();
  }, [navigation.state, location, refused]);
}

export function MoveButtons({
  hidden,
  target,
  isFirst,
  isLast,
  intent,
}: {
  hidden: Record<string, string | number>;
  target: string;
  isFirst: boolean;
  isLast: boolean;
  intent: string;
}) {
  if (isFirst && isLast) return null;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {isFirst ? null : (
        <button
          type="submit"
          name="direction"
          value="up"
          className="secondary button--small"
          data-refocus={`${intent}:up`}
        >
          Move up<span className="visually-hidden">: {target}</span>
        </button>
      )}{" "}
      {isLast ? null : (
        <button
          type="submit"
          name="direction"
          value="down"
          className="secondary button--small"
          data-refocus={`${intent}:down`}
        >
          Move down<span className="visually-hidden">: {target}</span>
        </button>
      )}
    </Form>
  );
}

/** The message as curated, and the author's newer version waiting to be accepted. */
function EntryMessage({ entry }: { entry: EditorEntry }) {
  const { message } = entry;
  return (
    <>
      {message.bodyHtml ? (
        <figure className="message">
          {entry.changedSinceCurated ? <figcaption>As curated (readers see this):</figcaption> : null}
          {message.contextLine ? <figcaption className="message__context">{message.contextLine}</figcaption> : null}
          <blockquote className="message__text" dangerouslySetInnerHTML={{ __html: message.bodyHtml }} />
        </figure>
      ) : null}
      {entry.changedSinceCurated && !entry.withdrawn ? (
        <div className="guide-entry__changed">
          <p className="post__status" role="note">
            <strong>Changed since it was curated.</strong> Its author edited the message; the guide still shows the
            version above until you accept the new one.
          </p>
          <figure className="message">
            <figcaption>The new version:</figcaption>
            {entry.current.contextLine ? (
              <figcaption className="message__context">{entry.current.contextLine}</figcaption>
            ) : null}
            <blockquote className="message__text" dangerouslySetInnerHTML={{ __html: entry.current.bodyHtml }} />
          </figure>
          <Form method="post" className="inline-form">
            <input type="hidden" name="entryId" value={entry.id} />
            <button
              type="submit"
              name="intent"
              value="accept-version"
              className="secondary button--small"
              data-refocus="accept-version"
            >
              Accept the new version<span className="visually-hidden"> of message #{message.number}</span>
            </button>
          </Form>
        </div>
      ) : null}
    </>
  );
}

export function EntryEditor({
  entry,
  sectionId,
  sections,
  isFirst,
  isLast,
}: {
  entry: EditorEntry;
  sectionId: number;
  sections: { id: number; title: string }[];
  isFirst: boolean;
  isLast: boolean;
}) {
  const { errors, values } = useFormAnswer(`entry-${entry.id}`);
  const { message } = entry;
  const target = `message #${message.number} in “${message.threadTitle}”`;
  const otherSections = sections.filter((s) => s.id !== sectionId);
  return (
    <article
      id={`entry-${entry.id}`}
      className={`guide-entry post post--${message.kind}`}
      aria-labelledby={`entry-${entry.id}-title`}
      tabIndex={-1}
    >
      <h3 id={`entry-${entry.id}-title`} className="post__heading">
        <GuideMarkBadge mark={entry.mark} />{" "}
        <span className={`kind kind--${message.kind}`}>{KIND_LABEL[message.kind]}</span>{" "}
        <Link to={entry.href}>#{message.number}</Link> in “{message.threadTitle}”
      </h3>
      {entry.withdrawn ? (
        <p className="post__status" role="note">
          {entry.withdrawnByAuthor
            ? "Withdrawn by its author: not shown to readers."
            : "Hidden or deleted in its thread: not shown to readers."}
        </p>
      ) : null}
      <DoneHere at={`entry-${entry.id}`} />
      <EntryMessage entry={entry} />
      <p className="votes__score">
        <Score
          counts={{ authentic: message.authenticCount, notAuthentic: message.notAuthenticCount }}
          topReason={null}
        />
      </p>
      <FormError message={errors.form ?? errors.entryId} />
      <Form method="post" className="form form--wide guide-entry__mark">
        <input type="hidden" name="entryId" value={entry.id} />
        <GuideMarkChoice
          chosen={values?.mark ?? entry.mark}
          error={errors.mark}
          legend={`Mark on message #${message.number}`}
        />
        <div className="actions">
          <button type="submit" name="intent" value="mark-entry" className="secondary" data-refocus="mark-entry">
            Save mark<span className="visually-hidden">: {target}</span>
          </button>
        </div>
      </Form>
      <Form method="post" className="form form--wide" key={entry.noteMd}>
        <input type="hidden" name="entryId" value={entry.id} />
        <TextAreaField
          label={`Note on message #${message.number}`}
          name="note"
          hint="Why it works, or why to avoid it. Markdown."
          defaultValue={values?.note ?? entry.noteMd}
          error={errors.note}
          maxLength={ENTRY_NOTE_MAX}
          rows={3}
        />
        <div className="actions">
          <button type="submit" name="intent" value="edit-entry" className="secondary" data-refocus="edit-entry">
            Save note
          </button>
        </div>
      </Form>
      <div className="actions guide-editor__entry-actions">
        <MoveButtons
          hidden={{ entryId: entry.id }}
          target={target}
          isFirst={isFirst}
          isLast={isLast}
          intent="move-entry"
        />
        {otherSections.length > 0 ? (
          <Form method="post" className="guide-editor__move-to">
            <input type="hidden" name="entryId" value={entry.id} />
            <label htmlFor={`entry-${entry.id}-section`}>Move to section</label>{" "}
            <select
              id={`entry-${entry.id}-section`}
              name="sectionId"
              defaultValue={values?.sectionId}
              aria-invalid={errors.sectionId ? true : undefined}
            >
              {otherSections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>{" "}
            <button
              type="submit"
              name="intent"
              value="move-entry-to-section"
              className="secondary button--small"
              data-refocus="move-entry-to-section"
            >
              Move<span className="visually-hidden"> {target}</span>
            </button>
            {errors.sectionId ? <p className="field-error">{errors.sectionId}</p> : null}
          </Form>
        ) : null}
        <Form method="post" className="inline-form">
          <input type="hidden" name="entryId" value={entry.id} />
          <button type="submit" name="intent" value="remove-entry" className="button--danger button--small">
            Remove from guide<span className="visually-hidden">: {target}</span>
          </button>
        </Form>
      </div>
    </article>
  );
}
