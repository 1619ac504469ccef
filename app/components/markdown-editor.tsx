/**
 * A Markdown textarea with a preview. Without JavaScript the "Preview" button
 * posts the form and the page comes back with the rendered text; with it, the
 * preview follows the typing, rendered by the server's one renderer.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { TextAreaField } from "./field";

interface Props {
  label: string;
  defaultValue?: string;
  error?: string;
  /** HTML the server rendered for a no-JavaScript preview. */
  serverPreview?: string | null;
  maxLength: number;
  /** The textarea's id, for a link or a script that lands on it. */
  id?: string;
  /** Focus the textarea when the page loads (a Reply without JavaScript lands here). */
  autoFocus?: boolean;
}

const PREVIEW_EVERY_MS = 1_000;

export function MarkdownEditor({ label, defaultValue = "", error, serverPreview, maxLength, id, autoFocus }: Props) {
  const fetcher = useFetcher<{ html: string; error?: string }>();
  const [text, setText] = useState(defaultValue);
  const [live, setLive] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const lastPreview = useRef(0);
  const submit = fetcher.submit;

  useEffect(() => {
    if (!live) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => {
        if (!text.trim()) return;
        lastPreview.current = Date.now();
        submit({ body: text }, { method: "post", action: "/markdown-preview" });
      },
      // At most one a second, so even slow, steady typing stays far below the preview limits (60 a minute of 120).
      Math.max(300, lastPreview.current + PREVIEW_EVERY_MS - Date.now()),
    );
    return () => clearTimeout(timer.current);
  }, [text, live, submit]);

  const html = live ? (text.trim() ? fetcher.data?.html : "") : serverPreview;
  // The live preview's refusal (too many lines or links): posting would show the same beside the field.
  const refused = live && text.trim() ? fetcher.data?.error : undefined;
  return (
    <div className="markdown-editor">
      <TextAreaField
        label={label}
        name="body"
        id={id}
        // Passed through: only a page whose purpose is this text asks for it (a Reply's composer).
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={autoFocus}
        defaultValue={defaultValue}
        error={error}
        hint="Markdown: **bold**, *italic*, > quote, - list, [link](https://…). HTML is shown as text."
        maxLength={maxLength}
        rows={6}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setLive(true);
        }}
      />
      {html ? (
        <section className="preview" aria-label="Preview" aria-live="polite">
          <h3 className="preview__title">Preview</h3>
          <div className="post__body" dangerouslySetInnerHTML={{ __html: html }} />
        </section>
      ) : null}
      {refused ? (
        <p className="preview preview--refused" role="status">
          {refused}
        </p>
      ) : null}
    </div>
  );
}
