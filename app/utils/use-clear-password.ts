import { useEffect, useRef } from "react";

/**
 * After a refused submission, empties the form's password field (a page
 * rendered by the server never sends it back; this keeps the browser honest
 * too) and moves focus to the first field with an error.
 */
export function useClearPasswordOnError(actionData: unknown) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!form || !actionData) return;
    for (const field of form.querySelectorAll<HTMLInputElement>('input[type="password"]')) field.value = "";
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [actionData]);
  return formRef;
}
