import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DoneNotice } from "~/components/done-notice";
import { ExampleMessageForm } from "~/components/example-message-form";
import { Field } from "~/components/field";
import { KIND_LABEL } from "~/components/post-card";
import { getDb } from "~/db.server";
import { decideOnPost, getPostForModeration, reanonymisePost } from "~/models/moderation.server";
import { exampleIntent, readExampleForm } from "~/server/example-form.server";
import { limitedExamplePreview } from "~/server/example-preview.server";
import { formText, readForm } from "~/server/form.server";
import { invariantResponse, refusalHeaders } from "~/server/http.server";
import { idSchema, moderationReasonSchema, parseForm } from "~/server/validation.server";
import { requireModerator } from "~/session.server";
import { NOTE_MAX } from "~/utils/field-lengths";
import { FLAG_REASON_LABEL } from "~/utils/flag-reasons";
import { formatDateTime } from "~/utils/format";
import { postHref } from "~/utils/paging";

async function findPost(param: string | undefined) {
  const postId = idSchema.safeParse(param);
  invariantResponse(postId.success, "There is no such post.", { status: 404 });
  const post = await getPostForModeration(getDb(), postId.data);
  invariantResponse(post && post.deleted_at === null, "There is no such post (or its author deleted it).", {
    status: 404,
  });
  return post;
}

/** The decisions that would change something about the post as it is now: the page offers these, the action takes only these. */
function decisionsFor(post: {
  hidden_at: number | null;
  review_pending_at: number | null;
  flags: { resolved_at: number | null }[];
}) {
  const openFlags = post.flags.some((flag) => flag.resolved_at === null);
  return {
    hide: post.hidden_at === null,
    restore: post.hidden_at !== null || post.review_pending_at !== null,
    dismiss: openFlags && post.hidden_at === null,
  };
}

// Keeps a preview refusal's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireModerator(request);
  return { post: await findPost(params.postId) };
}

type ReasonResult = { intent: string; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const moderator = await requireModerator(request);
  const post = await findPost(params.postId);
  const form = await readForm(request);
  const intent = exampleIntent(form) ?? formText(form, "intent");
  const db = getDb();

  if (intent === "preview" || intent === "confirm") {
    invariantResponse(post.kind !== "comment", "Only example messages are anonymised.", { status: 400 });
    form.set("kind", post.kind);
    const read = readExampleForm(form);
    // The same shape as the share page's answers: the form's live preview (a fetcher) reads it too.
    if (!read.ok) return data(read.result, { status: 400 });
    if (intent === "preview") return limitedExamplePreview(moderator, read);
    await reanonymisePost(db, {
      postId: post.id,
      moderatorId: moderator.id,
      draft: read.draft,
      reason: "Fixed the anonymisation",
    });
    return redirect(`/mod/posts/${post.id}?done=anonymise`);
  }

  invariantResponse(
    intent === "hide" || intent === "restore" || intent === "dismiss",
    "That is not something this page can do.",
    { status: 400 },
  );
  invariantResponse(decisionsFor(post)[intent], "That decision does not apply to this post as it stands now.", {
    status: 409,
  });
  const parsed = parseForm(moderationReasonSchema, form);
  if (!parsed.ok)
    return data(
      { decision: { intent, errors: parsed.errors, values: parsed.values } satisfies ReasonResult },
      { status: 400 },
    );
  // Checked again where it is carried out: another moderator may have decided since this page was read.
  const decided = await decideOnPost(db, intent, {
    postId: post.id,
    moderatorId: moderator.id,
    reason: parsed.data.reason,
  });
  invariantResponse(decided, "That decision does not apply to this post as it stands now.", { status: 409 });
  return redirect(
    intent === "dismiss" || intent === "restore" ? `/mod?done=${intent}` : `/mod/posts/${post.id}?done=hide`,
  );
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" || formData?.has("removeWord") ? false : defaultShouldRevalidate;

const DECISIONS = {
  hide: { label: "Hide post", hint: "hide: shown in the post's place, and in the public log" },
  restore: { label: "Restore post", hint: "restore: the post becomes visible again; open flags close" },
  dismiss: { label: "Dismiss flags", hint: "dismiss: nothing is wrong with the post; open flags close" },
} as const;

/** One form, one reason, a button per decision that applies: the reason is written once, whichever is chosen. */
function DecisionForm({
  can,
  result,
}: {
  can: Record<keyof typeof DECISIONS, boolean>;
  result: ReasonResult | undefined;
}) {
  const offered = (Object.keys(DECISIONS) as (keyof typeof DECISIONS)[]).filter((intent) => can[intent]);
  if (offered.length === 0) return <p>No decision is open on this post as it stands.</p>;
  return (
    <Form method="post" className="form decision">
      <Field
        label="Reason"
        name="reason"
        hint={`Public, in the moderation log. ${offered.map((intent) => DECISIONS[intent].hint).join("; ")}.`}
        error={result?.errors.reason}
        defaultValue={result?.values.reason}
        maxLength={NOTE_MAX}
        required
      />
      <div className="decision__buttons">
        {offered.map((intent) => (
          <button
            key={intent}
            type="submit"
            name="intent"
            value={intent}
            className={intent === "hide" ? "button--danger" : undefined}
          >
            {DECISIONS[intent].label}
          </button>
        ))}
      </div>
    </Form>
  );
}

export default function ReviewPost() {
  const { post } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const decision = actionData && "decision" in actionData ? actionData.decision : undefined;
  const anonymise = actionData && "preview" in actionData ? actionData : undefined;
  const isExample = post.kind !== "comment";
  const can = decisionsFor(post);
  return (
    <>
      <h1>
        Review {KIND_LABEL[post.kind].toLowerCase()} #{post.number} by {post.author}
      </h1>
      <DoneNotice />
      <p>
        In <Link to={postHref(post.thread_slug, post.number)}>{post.thread_title}</Link>,{" "}
        {formatDateTime(post.created_at)}.{" "}
        {post.hidden_at ? (
          <strong>Hidden: {post.hidden_reason}</strong>
        ) : post.review_pending_at ? (
          <strong>Withheld until you rule.</strong>
        ) : (
          "Visible to everyone."
        )}
      </p>
      <article className={`post post--${post.kind}`} aria-label="The post under review">
        {isExample ? (
          <figure className="message">
            {post.context_line ? <figcaption className="message__context">{post.context_line}</figcaption> : null}
            <blockquote className="message__text" dangerouslySetInnerHTML={{ __html: post.body_html }} />
          </figure>
        ) : (
          <div className="post__body" dangerouslySetInnerHTML={{ __html: post.body_html }} />
        )}
      </article>

      <h2>Flags</h2>
      {post.flags.length === 0 ? <p>No flags.</p> : null}
      <ul>
        {post.flags.map((flag) => (
          <li key={flag.id}>
            <strong>{FLAG_REASON_LABEL[flag.reason]}</strong> — {flag.by}, {formatDateTime(flag.created_at)}
            {flag.identifying_words ? <> — identifies someone: “{flag.identifying_words}”</> : null}
            {flag.note ? <>: “{flag.note}”</> : null}
            {flag.withdrawn_at ? (
              <span className="meta"> (withdrawn by the flagger)</span>
            ) : flag.resolution ? (
              <span className="meta"> ({flag.resolution})</span>
            ) : null}
          </li>
        ))}
      </ul>

      {isExample ? (
        <>
          <h2>Fix the anonymisation</h2>
          <p>
            Remove what still identifies someone. The anonymiser runs again; the log records that you did it, never the
            words.
          </p>
          <ExampleMessageForm
            mode="edit"
            initial={{
              kind: post.kind === "received_reply" ? "received_reply" : "approach",
              text: post.body,
              contextLine: post.context_line ?? "",
              remove: "",
              keep: [],
              approachId: "",
            }}
            result={anonymise}
            approaches={[]}
            cancelHref="/mod"
          />
        </>
      ) : null}

      <h2>Decide</h2>
      <DecisionForm can={can} result={decision} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Review a post · Moderation · Beyond Hello" }];
