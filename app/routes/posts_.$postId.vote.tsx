import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { getDb } from "~/db.server";
import { castVote, VOTE_REFUSAL_MESSAGE, type VoteChoice } from "~/models/vote.server";
import { requireUser, safeRedirect } from "~/session.server";
import { invariantResponse } from "~/utils/http";
import { LIMITS } from "~/utils/limits";
import { checkLimits, retryAfter } from "~/utils/rate-limit.server";
import { idSchema, voteSchema } from "~/utils/validation";
import { readForm } from "~/utils/form.server";

/**
 * A vote. From a page without JavaScript it answers with a redirect back to
 * the same message; from the page's own script (which adds `mode=fetch`) it
 * answers with the new state, or the refusal, for the optimistic update.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const postId = idSchema.safeParse(params.postId);
  invariantResponse(postId.success, "There is no such message.", { status: 404 });
  const form = await readForm(request);
  const fetchMode = form.get("mode") === "fetch";
  const parsed = voteSchema.safeParse({ choice: form.get("choice"), reasons: form.getAll("reasons") });
  if (!parsed.success) {
    const message = parsed.error.issues[0]!.message;
    if (fetchMode) return data({ ok: false as const, error: message }, { status: 400 });
    throw data(message, { status: 400 });
  }
  const refusal = await checkLimits([{ limit: LIMITS.vote, subject: user.id }], "You are voting faster than this forum allows.");
  if (refusal) {
    if (fetchMode) return data({ ok: false as const, error: refusal.message }, retryAfter(refusal));
    throw data(refusal.message, retryAfter(refusal));
  }
  const { choice, reasons } = parsed.data;
  const wanted: VoteChoice = choice === "withdraw" ? { value: null } : choice === "authentic" ? { value: "authentic" } : { value: "not_authentic", reasons };
  const result = await castVote(getDb(), { postId: postId.data, userId: user.id, choice: wanted });
  if (!result.ok) {
    const status = result.refusal === "not_found" ? 404 : 403;
    if (fetchMode) return data({ ok: false as const, error: VOTE_REFUSAL_MESSAGE[result.refusal] }, { status });
    throw data(VOTE_REFUSAL_MESSAGE[result.refusal], { status });
  }
  if (fetchMode) return { ok: true as const, state: result.state };
  const back = safeRedirect(form.get("returnTo"), "/");
  return redirect(`${back.split("#")[0]}#${String(form.get("anchor") ?? "").replace(/[^\w-]/g, "")}`);
}

export async function loader() {
  throw new Response("Not found", { status: 404 });
}
