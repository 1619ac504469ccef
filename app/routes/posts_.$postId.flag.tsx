/**
 * Flagging a post for moderators, on a page of its own with its own action: the post as the
 * member sees it, then the reasons. The thread page links here from each post rather than
 * carrying fifty copies of this form. Once the member has flagged the post, this page tells
 * them what came of it, and lets them withdraw the flag while it is open.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FlagForm } from "~/components/flag-form";
import { getDb } from "~/db.server";
import { flagPost, getOwnFlag, withdrawFlag, type OwnFlag } from "~/models/flag.server";
import { getPostAsSeenBy } from "~/models/post-view.server";
import { getPostForPermissions } from "~/models/post.server";
import { readForm } from "~/server/form.server";
import { invariantResponse } from "~/server/http.server";
import { checkLimits, retryAfter } from "~/server/rate-limit-checks.server";
import { flagSchema, idSchema, parseForm } from "~/server/validation.server";
import { requireUser } from "~/session.server";
import { FLAG_REASON_LABEL } from "~/utils/flag-reasons";
import { formatDateTime } from "~/utils/format";
import { postHref } from "~/utils/paging";
import { LIMITS } from "~/utils/rate-limit-rules";

async function findPost(param: string | undefined, user: { id: number; role: "member" | "moderator" | "admin" }) {
  const postId = idSchema.safeParse(param);
  invariantResponse(postId.success, "There is no such post.", { status: 404 });
  const db = getDb();
  const [post, view, flag] = await Promise.all([
    getPostForPermissions(db, postId.data),
    getPostAsSeenBy(db, { postId: postId.data, viewer: user }),
    getOwnFlag(db, { postId: postId.data, userId: user.id }),
  ]);
  // Without a flag of theirs, only a post readers can see may be flagged; with one, its outcome is theirs to read.
  invariantResponse(post && view && (flag || view.state === "visible"), "There is no such post to flag.", {
    status: 404,
  });
  invariantResponse(!view.isOwn, "You cannot flag your own post; edit or delete it instead.", { status: 403 });
  return { post, view, flag };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { post, view, flag } = await findPost(params.postId, user);
  return {
    post: {
      id: post.id,
      number: post.number,
      kind: view.kind,
      author: view.author,
      state: view.state,
      // Null when the post is withheld from this member: the page then says so instead.
      bodyHtml: view.bodyHtml,
      contextLine: view.contextLine,
    },
    thread: { slug: post.thread_slug, title: post.thread_title },
    flag: flag ?? null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { post, flag } = await findPost(params.postId, user);
  const form = await readForm(request);
  const intent = form.get("intent");
  const db = getDb();
  const here = `/posts/${post.id}/flag`;

  if (intent === "withdraw") {
    invariantResponse(flag && flag.outcome === null, "You have no open flag on this post to withdraw.", {
      status: 409,
    });
    await withdrawFlag(db, { postId: post.id, userId: user.id });
    return redirect(here);
  }

  invariantResponse(intent === "flag", "That is not something this page can do.", { status: 400 });
  const parsed = parseForm(flagSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const refusal = await checkLimits(
    [{ limit: LIMITS.flag, subject: user.id }],
    "You have sent many flags in a short time.",
  );
  if (refusal) {
    const values = { reason: parsed.data.reason, words: parsed.data.words, note: parsed.data.note };
    return data({ errors: { form: refusal.message }, values }, retryAfter(refusal));
  }
  const outcome = await flagPost(db, {
    postId: post.id,
    userId: user.id,
    reason: parsed.data.reason,
    note: parsed.data.note || null,
    identifyingWords: parsed.data.words || null,
  });
  if (outcome === "not_an_example") {
    return data(
      {
        errors: { reason: "Only example messages are anonymised; flag this comment for another reason." },
        values: { reason: parsed.data.reason, words: parsed.data.words, note: parsed.data.note },
      },
      { status: 400 },
    );
  }
  invariantResponse(outcome !== "own_post", "You cannot flag your own post; edit or delete it instead.", {
    status: 403,
  });
  invariantResponse(outcome !== "not_found", "There is no such post to flag.", { status: 404 });
  return redirect(here);
}

const OUTCOME: Record<NonNullable<OwnFlag["outcome"]>, string> = {
  hidden: "A moderator hid the post.",
  restored: "A moderator ruled on it and the post is shown again: it was fixed, or found to be fine.",
  dismissed: "A moderator looked and found nothing wrong with the post, so your flag was dismissed.",
  withdrawn: "You withdrew this flag.",
};

function FlagStatus({ flag, state }: { flag: OwnFlag; state: string }) {
  return (
    <section className="notice" aria-labelledby="flag-status-title" role="status">
      <h2 id="flag-status-title">Your flag</h2>
      <p>
        You flagged this post on {formatDateTime(flag.createdAt)}: {FLAG_REASON_LABEL[flag.reason]}.
        {flag.note ? <> Your note: “{flag.note}”</> : null}
      </p>
      {flag.outcome ? (
        <p>
          <strong>{OUTCOME[flag.outcome]}</strong>
          {flag.resolvedAt ? ` (${formatDateTime(flag.resolvedAt)})` : null}
        </p>
      ) : (
        <>
          <p>
            <strong>Moderators have not ruled yet.</strong>{" "}
            {state === "pending_review"
              ? "Until they do, the message is withheld from readers."
              : flag.reason === "not_anonymised"
                ? "Until they do, the message stays up: flags from accounts less than a day old, or whose recent flags were dismissed, wait for a moderator without hiding it."
                : "The post stays up until they do."}
          </p>
          <Form method="post">
            <button type="submit" name="intent" value="withdraw" className="secondary">
              Withdraw my flag
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export default function FlagPost() {
  const { post, thread, flag } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const back = postHref(thread.slug, post.number);
  return (
    <>
      <h1>Flag post #{post.number}</h1>
      <p>
        In <Link to={back}>{thread.title}</Link>, by {post.author ?? "a former member"}. Moderators see your flag and
        your note, never other members.
      </p>
      {post.bodyHtml === null ? (
        <p className="post__withheld">This post is not shown to readers now.</p>
      ) : post.kind === "comment" ? (
        <div className="post__body flag__post" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      ) : (
        <figure className="message flag__post">
          {post.contextLine ? <figcaption className="message__context">{post.contextLine}</figcaption> : null}
          <blockquote className="message__text" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        </figure>
      )}
      {flag ? (
        <>
          <FlagStatus flag={flag} state={post.state} />
          <p>
            <Link to={back}>Back to the post</Link>
          </p>
        </>
      ) : (
        <FlagForm
          postNumber={post.number}
          kind={post.kind}
          cancelHref={back}
          errors={answer?.errors}
          values={answer?.values}
        />
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Flag post #${data.post.number} · Beyond Hello` : "Flag a post · Beyond Hello" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
