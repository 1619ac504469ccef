/**
 * The anonymiser's preview (sharing a message, editing one, a moderator's review): counted against the same
 * per-member preview limit as Markdown previews (rate-limit-rules.ts). Each preview runs the anonymiser over
 * up to 5,000 characters on the one thread that renders everyone's pages, so one member's loop of previews
 * must be refused like any other (issue 13).
 */
import { data } from "@remix-run/node";
import type { ExampleFormResult } from "~/components/example-message-form";
import type { SessionUser } from "~/session.server";
import { previewResult, type ExampleFormRead } from "./example-form.server";
import { checkPreviewLimit, retryAfter } from "./rate-limit-checks.server";

export async function limitedExamplePreview(user: SessionUser, read: Extract<ExampleFormRead, { ok: true }>) {
  const refusal = await checkPreviewLimit(user);
  if (!refusal) return previewResult(read);
  // What was typed stays in the form; the message shows above it, as for a refused post.
  const refused: ExampleFormResult = { errors: { form: refusal.message }, values: read.values, preview: null };
  return data(refused, retryAfter(refusal));
}
