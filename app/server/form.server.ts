/**
 * The one way actions read a submitted form. Anything that is not a form a
 * browser would send — another content type, a body that does not parse,
 * control characters, text that was not valid UTF-8 — is refused with 400
 * and a message, before any action logic runs. Never a 500. Invisible
 * formatting characters are removed (see INVISIBLE).
 */
import { data } from "@remix-run/node";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

// Tab, newline and carriage return are text; other C0/C1 controls and U+FFFD
// (what an invalid UTF-8 byte decodes to) never are in anything a person typed.
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;

// Characters that change how text around them is shown without being seen themselves: bidirectional
// embeddings, overrides and isolates ("\u202Egnp.exe" reads as "exe.png"), zero-width spaces, word joiners,
// invisible operators and the byte-order mark. They are removed from every field but passwords, as GitHub
// warns of them. Joiners that scripts and emoji need (U+200C, U+200D) and the plain direction marks
// (U+200E, U+200F, U+061C) stay: right-to-left writers use them, and they reorder nothing beyond a character.
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B\u2060-\u2064\uFEFF\u180E]/g;

export function badRequest(message: string): never {
  throw data(message, { status: 400 });
}

/** A field of a form readForm accepted, as text ("" when absent; readForm has refused files). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) badRequest("This address takes form submissions only.");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    badRequest("That form could not be read. Please try again.");
  }
  const cleaned = new FormData();
  for (const [name, value] of form) {
    if (typeof value !== "string") badRequest("Files cannot be uploaded here.");
    if (NOT_TEXT.test(name) || NOT_TEXT.test(value))
      badRequest("The form contained characters that are not text (control characters or invalid UTF-8).");
    cleaned.append(name, /password/i.test(name) ? value : value.replace(INVISIBLE, ""));
  }
  return cleaned;
}
