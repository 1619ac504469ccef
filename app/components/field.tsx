/** Labelled form fields whose error sits beside them and is announced with them. */
import { useId } from "react";

interface ShellProps {
  label: string;
  name: string;
  id?: string;
  error?: string;
  hint?: string;
  children: (control: {
    id: string;
    name: string;
    "aria-invalid"?: true;
    "aria-describedby"?: string;
  }) => React.ReactNode;
}

function FieldShell({ label, name, id, error, hint, children }: ShellProps) {
  const generated = useId();
  const controlId = id ?? `${name}-${generated}`;
  const errorId = `${controlId}-error`;
  const hintId = `${controlId}-hint`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children({ id: controlId, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type Labelled = { label: string; name: string; error?: string; hint?: string };

export function Field({
  label,
  name,
  error,
  hint,
  id,
  ...input
}: Labelled & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} name={name} id={id} error={error} hint={hint}>
      {(control) => <input {...control} {...input} />}
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  name,
  error,
  hint,
  id,
  ...textarea
}: Labelled & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} name={name} id={id} error={error} hint={hint}>
      {(control) => <textarea {...control} {...textarea} />}
    </FieldShell>
  );
}

/** A message about the whole form (a refusal, a rate limit), announced when it appears. */
export function FormError({ message }: { message?: string | null }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}
