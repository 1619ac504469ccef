/** The prompt thread's words, for opening a thread and for editing one. */
import { Form } from "@remix-run/react";
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
      <Field label="Title" name="title" defaultValue={values.title} error={errors.title} maxLength={120} required />
      <Field label="Prompt question" name="prompt" defaultValue={values.prompt} error={errors.prompt} maxLength={300} required />
      <TextAreaField
        label="Context (Markdown, optional)"
        name="context"
        defaultValue={values.context}
        error={errors.context}
        hint="A short paragraph: quote the passage the question comes from, with attribution."
        maxLength={5_000}
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
