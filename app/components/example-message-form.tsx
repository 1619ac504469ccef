/**
 * The two-step form for sharing an example message. Step one: paste, and see
 * the anonymised preview with every redaction marked and explained; add
 * words to remove, or keep a word wrongly removed. Step two: post. Without
 * JavaScript each step is a form submission; with it, the preview follows the
 * typing. Either way the server anonymises again when the message is posted.
 */
import { Form, Link, useFetcher, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { ExamplePreview, PreviewSegment } from "~/utils/example-message";
import { CONTEXT_LINE_MAX, MESSAGE_MAX } from "~/utils/field-lengths";
import { REDACTION_EXPLANATION } from "~/utils/redaction-kinds";
import { Field, TextAreaField } from "./field";

export interface ExampleFormValues {
  kind: "approach" | "received_reply";
  text: string;
  contextLine: string;
  remove: string;
  keep: string[];
  approachId: string;
}

export interface ExampleFormResult {
  errors: Record<string, string>;
  values: ExampleFormValues;
  preview: ExamplePreview | null;
}

interface Props {
  mode: "new" | "edit";
  initial: ExampleFormValues;
  result: ExampleFormResult | undefined;
  approaches: { id: number; number: number; excerpt: string }[];
  cancelHref: string;
  /** Where the form posts, when not to its own page (the draft workshop hands a draft to a thread's share page). */
  action?: string;
}

function Segments({ segments }: { segments: PreviewSegment[] }) {
  return (
    <>
      {segments.map((segment, i) =>
        "placeholder" in segment ? (
          <mark key={i} className="redaction" title={`Removed: ${REDACTION_EXPLANATION[segment.kind]}`}>
            {segment.placeholder}
          </mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}

const PREVIEW_EVERY_MS = 1_000;

export function ExampleMessageForm({ mode, initial, result, approaches, cancelHref, action }: Props) {
  const fetcher = useFetcher<ExampleFormResult>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const lastPreview = useRef(0);
  const busy = useNavigation().state === "submitting";
  const [live, setLive] = useState(false);
  const submitPreview = fetcher.submit;

  useEffect(() => () => clearTimeout(timer.current), []);

  const values = result?.values ?? initial;
  const errors = result?.errors ?? {};
  const current = live && fetcher.data?.values ? fetcher.data : result;
  const preview = current?.preview ?? null;
  const keep = new Set((current?.values.keep ?? values.keep).map((k) => k.toLowerCase()));
  const kept = (current?.values.keep ?? values.keep).filter(
    (k) => !preview?.removed.some((r) => r.original.toLowerCase() === k.toLowerCase()),
  );
  const sent = values.kind === "approach";

  const schedulePreview = () => {
    setLive(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => {
        const form = formRef.current;
        if (!form) return;
        const data = new FormData(form);
        data.set("intent", "preview");
        const text = data.get("text");
        if (typeof text === "string" && text.trim()) {
          lastPreview.current = Date.now();
          submitPreview(data, { method: "post" });
        }
        // At most one a second, so even slow, steady typing stays far below the preview limits (60 a minute of 120).
      },
      Math.max(350, lastPreview.current + PREVIEW_EVERY_MS - Date.now()),
    );
  };

  return (
    <Form
      method="post"
      action={action}
      className="form form--wide example-form"
      ref={formRef}
      onChange={schedulePreview}
      onSubmit={() => setLive(false)}
      noValidate
    >
      {/* Enter in a field presses the form's first button: make that "Update preview", not a word's removal. */}
      <button type="submit" name="intent" value="preview" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        Update preview
      </button>
      <input type="hidden" name="kind" value={values.kind} />
      <TextAreaField
        label={sent ? "The message you sent" : "The reply you received"}
        name="text"
        defaultValue={values.text}
        error={errors.text}
        hint={`Plain text, up to ${MESSAGE_MAX.toLocaleString("en-GB")} characters; line breaks are kept. Names, e-mail addresses, phone numbers, links, handles, employers, addresses and places are removed before anything is stored.`}
        maxLength={MESSAGE_MAX}
        rows={8}
        required
      />
      <Field
        label="Context (optional)"
        name="contextLine"
        defaultValue={values.contextLine}
        error={errors.contextLine}
        hint={
          sent
            ? "For example: first message after a connection was accepted."
            : "For example: reply to my second follow-up."
        }
        maxLength={CONTEXT_LINE_MAX}
      />
      {!sent && mode === "new" && approaches.length > 0 ? (
        <div className="field">
          <label htmlFor="approachId">It answers one of my messages in this thread (optional)</label>
          <select id="approachId" name="approachId" defaultValue={values.approachId}>
            <option value="">— none —</option>
            {approaches.map((a) => (
              <option key={a.id} value={a.id}>
                #{a.number}: {a.excerpt}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <TextAreaField
        key={current?.values.remove ?? values.remove}
        label="More words to remove (optional)"
        name="remove"
        defaultValue={current?.values.remove ?? values.remove}
        error={errors.remove}
        hint="Anything else that identifies someone: one word or phrase per line, or separated by commas. It shows as [detail]; write place: Lisbon, name: Sam or company: Acme to say what it is."
        rows={2}
      />

      {preview ? (
        <section className="anonymised-preview" aria-labelledby="anonymised-preview-title" aria-live="polite">
          <h2 id="anonymised-preview-title">What will be posted</h2>
          {preview.unsure.length ? (
            <div className="unsure-words" role="group" aria-labelledby="unsure-words-title">
              <h3 id="unsure-words-title">Are these names?</h3>
              <p className="hint">
                The anonymiser kept these words but is not sure of them. Press one to remove it too.
              </p>
              <ul>
                {preview.unsure.map((word) => (
                  <li key={word}>
                    <button type="submit" name="removeWord" value={word} className="secondary">
                      Remove “{word}”
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <figure className="message">
            {preview.context.length ? (
              <figcaption className="message__context">
                <Segments segments={preview.context} />
              </figcaption>
            ) : null}
            <blockquote className="message__text message__text--preview">
              <Segments segments={preview.body} />
            </blockquote>
          </figure>
          {preview.removed.length || kept.length ? (
            <fieldset className="redaction-list">
              <legend>Removed from what you pasted</legend>
              <p className="hint">
                Tick a word only if it is not about someone else (a product, a place, your own words) to keep it.
              </p>
              <ul>
                {preview.removed.map((r) => (
                  <li key={r.original}>
                    <label>
                      <input
                        type="checkbox"
                        name="keep"
                        value={r.original}
                        defaultChecked={keep.has(r.original.toLowerCase())}
                      />{" "}
                      Keep “{r.original}” <span className="meta">(removed as {REDACTION_EXPLANATION[r.kind]})</span>
                    </label>
                  </li>
                ))}
                {kept.map((k) => (
                  <li key={`kept-${k}`}>
                    <label>
                      <input type="checkbox" name="keep" value={k} defaultChecked /> Keep “{k}”{" "}
                      <span className="meta">(kept at your request)</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : (
            <p className="notice">Nothing needed removing. Check once more that nobody can be recognised.</p>
          )}
        </section>
      ) : null}

      <div className="actions">
        <button type="submit" name="intent" value="preview" className={preview ? "secondary" : undefined}>
          {preview ? "Update preview" : "Preview anonymised message"}
        </button>
        {preview ? (
          <button type="submit" name="intent" value="confirm" disabled={busy}>
            {mode === "new" ? "Post this anonymised message" : "Save this anonymised version"}
          </button>
        ) : null}
        <Link to={cancelHref}>Cancel</Link>
      </div>
    </Form>
  );
}
