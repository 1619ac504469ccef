/** The prompt thread's words, for opening a thread and for editing one. */
import { Form } from "@remix-run/react";
import { THREAD_CONTEXT_MAX, THREAD_PROMPT_MAX, THREAD_TITLE_MAX } from "~/utils/field-lengths";
import { Field, TextAreaField } from "./field";

export function ThreadForm({
  values,
  errors,
  submitLabel,
}: {
  values: { title?: string; prompt?: string; context?: string };
  errors: Record<string, string>;
  submitLabel: string;
}) {
  return (
    <Form method="post" className="form form--wide">
      <Field
        label="Title"
        name="title"
        defaultValue={values.title}
        error={errors.title}
        maxLength={THREAD_TITLE_MAX}
        required
      />
      <Field
        label="Prompt question"
        name="prompt"
        defaultValue={values.prompt}
        error={errors.prompt}
        maxLength={THREAD_PROMPT_MAX}
        required
      />
      <TextAreaField
        label="Context (Markdown, optional)"
        name="context"
        defaultValue={values.context}
        error={errors.context}
        hint="A short paragraph: quote the passage the question comes from, with attribution."
        maxLength={THREAD_CONTEXT_MAX}
        rows={6}
      />
      <div className="actions">
        <button type="submit" name="intent" value="save">
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
