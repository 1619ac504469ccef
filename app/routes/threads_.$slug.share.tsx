import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ExampleMessageForm } from "~/components/example-message-form";
import { FormError } from "~/components/field";
import { getDb } from "~/db.server";
import { addExampleMessage, listOwnApproaches, PostingError } from "~/models/post.server";
import { getThreadBySlug } from "~/models/thread.server";
import { exampleIntent, previewResult, readExampleForm } from "~/server/example-form.server";
import { limitedExamplePreview } from "~/server/example-preview.server";
import { readForm } from "~/server/form.server";
import { invariantResponse, refusalHeaders } from "~/server/http.server";
import { checkLimits, postingLimits, retryAfter } from "~/server/rate-limit-checks.server";
import { requireUser } from "~/session.server";
import { postHref } from "~/utils/paging";

async function openThread(slug: string | undefined) {
  const thread = await getThreadBySlug(getDb(), slug ?? "");
  invariantResponse(thread, "There is no thread at this address.", { status: 404 });
  invariantResponse(!thread.locked_at, "This thread is locked: it takes no new posts.", { status: 403 });
  return thread;
}

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const thread = await openThread(params.slug);
  const kind = new URL(request.url).searchParams.get("kind") === "received_reply" ? "received_reply" : "approach";
  const approaches = await listOwnApproaches(getDb(), { threadId: thread.id, authorId: user.id });
  return { thread: { slug: thread.slug, title: thread.title, prompt: thread.prompt }, kind, approaches } as const;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const thread = await openThread(params.slug);
  const form = await readForm(request);
  const intent = exampleIntent(form);
  invariantResponse(intent !== null, "That is not something this page can do.", {
    status: 400,
  });
  const read = readExampleForm(form);
  if (!read.ok) return data(read.result, { status: 400 });
  if (intent === "preview") return limitedExamplePreview(user, read);
  const refusal = await checkLimits(postingLimits(user), "You are posting faster than this forum allows.");
  if (refusal) return data({ ...previewResult(read), errors: { form: refusal.message } }, retryAfter(refusal));
  try {
    const post = await addExampleMessage(getDb(), {
      threadId: thread.id,
      authorId: user.id,
      kind: read.values.kind,
      draft: read.draft,
      approachId: read.approachId,
    });
    return redirect(postHref(thread.slug, post.number));
  } catch (error) {
    if (!(error instanceof PostingError)) throw error;
    return data({ ...previewResult(read), errors: { form: error.message } }, { status: error.status });
  }
}

// A live preview changes nothing, so it need not reload the page's data.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" || formData?.has("removeWord") ? false : defaultShouldRevalidate;

export default function ShareMessage() {
  const { thread, kind, approaches } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sent = (result?.values.kind ?? kind) === "approach";
  return (
    <>
      <p className="meta">
        <Link to={`/threads/${thread.slug}`}>{thread.title}</Link>
      </p>
      <h1>{sent ? "Share a message you sent" : "Share a reply you received"}</h1>
      <p>
        {sent
          ? "An opener, a follow-up, an answer: share it so others can say whether it feels authentic."
          : "The people who wrote to you never agreed to be quoted. We remove what identifies them before anything is stored; check the preview, then post."}
      </p>
      <p className="switch-kind">
        {sent ? (
          <Link to="?kind=received_reply">Share a reply you received instead</Link>
        ) : (
          <Link to="?kind=approach">Share a message you sent instead</Link>
        )}
      </p>
      <FormError message={result?.errors.form} />
      <ExampleMessageForm
        key={kind}
        mode="new"
        initial={{ kind, text: "", contextLine: "", remove: "", keep: [], approachId: "" }}
        result={result}
        approaches={approaches}
        cancelHref={`/threads/${thread.slug}`}
      />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Share a message · ${data.thread.title} · Beyond Hello` : "Beyond Hello" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
