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
    const password = form.elements.namedItem("password");
    if (password instanceof HTMLInputElement) password.value = "";
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [actionData]);
  return formRef;
}
