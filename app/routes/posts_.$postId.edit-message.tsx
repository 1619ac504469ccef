import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ExampleMessageForm } from "~/components/example-message-form";
import { getDb } from "~/db.server";
import { editExampleMessage } from "~/models/post.server";
import { requireEditablePost } from "~/server/editable-post.server";
import { exampleIntent, readExampleForm } from "~/server/example-form.server";
import { limitedExamplePreview } from "~/server/example-preview.server";
import { readForm } from "~/server/form.server";
import { invariantResponse, refusalHeaders } from "~/server/http.server";
import { requireUser } from "~/session.server";
import { postHref } from "~/utils/paging";

// Keeps a preview refusal's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const post = await requireEditablePost(user, params.postId);
  if (post.kind === "comment") throw redirect(`/posts/${post.id}/edit`);
  return {
    post: {
      number: post.number,
      kind: post.kind,
      text: post.body,
      contextLine: post.context_line ?? "",
      threadSlug: post.thread_slug,
      threadTitle: post.thread_title,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const post = await requireEditablePost(user, params.postId);
  invariantResponse(post.kind !== "comment", "Comments are edited on their own page.", { status: 400 });
  const form = await readForm(request);
  form.set("kind", post.kind); // the kind of a message does not change on edit
  const intent = exampleIntent(form);
  invariantResponse(intent !== null, "That is not something this page can do.", {
    status: 400,
  });
  const read = readExampleForm(form);
  if (!read.ok) return data(read.result, { status: 400 });
  if (intent === "preview") return limitedExamplePreview(user, read);
  await editExampleMessage(getDb(), { postId: post.id, editorId: user.id, draft: read.draft });
  return redirect(postHref(post.thread_slug, post.number));
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" || formData?.has("removeWord") ? false : defaultShouldRevalidate;

export default function EditMessage() {
  const { post } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const kind = post.kind === "received_reply" ? "received_reply" : "approach";
  return (
    <>
      <h1>Edit your {kind === "approach" ? "message" : "received reply"}</h1>
      <p>
        Post #{post.number} in <Link to={postHref(post.threadSlug, post.number)}>{post.threadTitle}</Link>. It goes
        through the anonymiser again; the earlier version stays in the post's history.
      </p>
      <ExampleMessageForm
        mode="edit"
        initial={{ kind, text: post.text, contextLine: post.contextLine, remove: "", keep: [], approachId: "" }}
        result={result}
        approaches={[]}
        cancelHref={postHref(post.threadSlug, post.number)}
      />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit your message · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
