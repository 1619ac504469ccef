/**
 * Reads the example-message form the share and edit pages have in common.
 * The values go back to the member's own page (a POST response), never into
 * a URL, a cookie, the session or a log.
 */
import type { ExampleFormResult, ExampleFormValues } from "~/components/example-message-form";
import { examplePreview, parseWordList, type ExampleDraft } from "~/utils/example-message";
import { exampleMessageSchema } from "./validation.server";

export type ExampleFormRead =
  | { ok: true; values: ExampleFormValues; draft: ExampleDraft; approachId: number | null }
  | { ok: false; result: ExampleFormResult };

/** The member's list of words to remove, with one more word on its own line. */
function withWord(list: string, word: string): string {
  if (word === "") return list;
  return list.trim() === "" ? word : `${list.replace(/\s+$/, "")}\n${word}`;
}

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * What the form asks for: "preview", "confirm", or null. A press on one of the "Are these names?"
 * words (`removeWord`) is a preview with that word added to the words to remove.
 */
export function exampleIntent(form: FormData): "preview" | "confirm" | null {
  if (typeof form.get("removeWord") === "string") return "preview";
  const intent = form.get("intent");
  return intent === "preview" || intent === "confirm" ? intent : null;
}

export function readExampleForm(form: FormData): ExampleFormRead {
  const keep = form
    .getAll("keep")
    .filter((v): v is string => typeof v === "string" && v.length > 0 && v.length <= 200)
    .slice(0, 100);
  const kind = field(form, "kind") === "received_reply" ? "received_reply" : "approach";
  const values: ExampleFormValues = {
    kind,
    text: field(form, "text"),
    contextLine: field(form, "contextLine"),
    remove: withWord(field(form, "remove"), field(form, "removeWord").trim().slice(0, 100)),
    keep,
    approachId: field(form, "approachId"),
  };
  const parsed = exampleMessageSchema.safeParse({ ...values, kind: field(form, "kind") });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, result: { errors, values, preview: null } };
  }
  const draft = {
    text: parsed.data.text,
    contextLine: parsed.data.contextLine,
    remove: parseWordList(parsed.data.remove),
    keep,
  };
  const approachId = typeof parsed.data.approachId === "number" ? parsed.data.approachId : null;
  return { ok: true, values, draft, approachId };
}

export function previewResult(read: Extract<ExampleFormRead, { ok: true }>): ExampleFormResult {
  return { errors: {}, values: read.values, preview: examplePreview(read.draft) };
}
