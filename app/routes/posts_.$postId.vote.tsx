import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import { getPostForPermissions } from "~/models/post.server";
import { castVote, VOTE_REFUSAL_MESSAGE, type VoteChoice } from "~/models/vote.server";
import { formText, readForm } from "~/server/form.server";
import { invariantResponse, refusalHeaders } from "~/server/http.server";
import { checkLimits, retryAfter } from "~/server/rate-limit-checks.server";
import { idSchema, parseForm, voteSchema } from "~/server/validation.server";
import { getUser, requireUser, safeRedirect } from "~/session.server";
import { postHref } from "~/utils/paging";
import { canModerate } from "~/utils/permissions";
import { LIMITS } from "~/utils/rate-limit-rules";

/**
 * A vote. From a page without JavaScript it answers with a redirect back to
 * the same message; from the page's own script (a fetcher, which adds
 * `mode=fetch` and posts to `/posts/:id/vote.data`) it answers with the new
 * state, or the refusal, for the optimistic update.
 */
// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function action({ request, params }: ActionFunctionArgs) {
  const postId = idSchema.safeParse(params.postId);
  invariantResponse(postId.success, "There is no such message.", { status: 404 });
  const form = await readForm(request);
  // Signed out since the page was loaded (or a visitor's stale page): sign in, then the vote is cast there.
  if (!(await getUser(request))) throw redirect(signInToVote(form, postId.data));
  const user = await requireUser(request);
  const fetchMode = form.get("mode") === "fetch";
  const parsed = parseForm(voteSchema, form, { lists: ["reasons"] });
  if (!parsed.ok) {
    const message = Object.values(parsed.errors)[0];
    if (fetchMode) return data({ ok: false as const, error: message }, { status: 400 });
    throw data(message, { status: 400 });
  }
  const refusal = await checkLimits(
    [{ limit: LIMITS.vote, subject: user.id }],
    "You are voting faster than this forum allows.",
  );
  if (refusal) {
    if (fetchMode) return data({ ok: false as const, error: refusal.message }, retryAfter(refusal));
    throw data(refusal.message, retryAfter(refusal));
  }
  const { choice, reasons } = parsed.data;
  const wanted: VoteChoice =
    choice === "withdraw"
      ? { value: null }
      : choice === "authentic"
        ? { value: "authentic" }
        : { value: "not_authentic", reasons };
  const result = await castVote(getDb(), {
    postId: postId.data,
    userId: user.id,
    choice: wanted,
    alwaysSeesCounts: canModerate(user),
  });
  if (!result.ok) {
    const status = result.refusal === "not_found" ? 404 : 403;
    if (fetchMode) return data({ ok: false as const, error: VOTE_REFUSAL_MESSAGE[result.refusal] }, { status });
    throw data(VOTE_REFUSAL_MESSAGE[result.refusal], { status });
  }
  if (fetchMode) return { ok: true as const, state: result.state };
  const back = safeRedirect(form.get("returnTo"), "/");
  return redirect(`${back.split("#")[0]}#${formText(form, "anchor").replace(/[^\w-]/g, "")}`);
}

function signInToVote(form: FormData, postId: number): string {
  const back = `${safeRedirect(form.get("returnTo"), "/").split("#")[0]}#${formText(form, "anchor").replace(/[^\w-]/g, "")}`;
  const choice = form.get("choice");
  const search = new URLSearchParams({ redirectTo: back });
  if (choice === "authentic" || choice === "not_authentic") {
    search.set("vote", String(postId));
    search.set("choice", choice);
  }
  return `/login?${search}`;
}

// The address of a vote is not a page of its own: whoever opens it is taken to the message. After a
// form posted here, Remix runs this loader with the post's headers to render the action's answer:
// then the answer (a refusal, or the fetcher's state) is the page, not a redirect that hides it.
export async function loader({ params, request }: LoaderFunctionArgs) {
  if (request.headers.get("Content-Type")) return null;
  const postId = idSchema.safeParse(params.postId);
  const post = postId.success ? await getPostForPermissions(getDb(), postId.data) : undefined;
  throw redirect(post ? postHref(post.thread_slug, post.number) : "/");
}

// A page route, not a resource route: a refusal sent without JavaScript shows in the site's layout,
// and returning plain data to the page's fetcher is what single fetch expects of a page route.
export default function VoteAddress() {
  return (
    <p>
      Votes are cast from the message itself. <a href="/">Go to the threads</a>.
    </p>
  );
}

export const meta: MetaFunction = () => [{ title: "Vote · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
