import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormError } from "~/components/field";
import { MarkdownEditor } from "~/components/markdown-editor";
import { getDb } from "~/db.server";
import { editComment } from "~/models/post.server";
import { requireEditablePost } from "~/server/editable-post.server";
import { readForm } from "~/server/form.server";
import { invariantResponse, refusalHeaders } from "~/server/http.server";
import { checkPreviewLimit, retryAfter } from "~/server/rate-limit-checks.server";
import { commentSchema, parseForm } from "~/server/validation.server";
import { requireUser } from "~/session.server";
import { COMMENT_MAX } from "~/utils/field-lengths";
import { renderMarkdown } from "~/utils/markdown";
import { postHref } from "~/utils/paging";

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const post = await requireEditablePost(user, params.postId);
  // Example messages are edited through the anonymiser, on their own form.
  if (post.kind !== "comment") throw redirect(`/posts/${post.id}/edit-message`);
  return {
    post: {
      id: post.id,
      number: post.number,
      body: post.body,
      threadSlug: post.thread_slug,
      threadTitle: post.thread_title,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const post = await requireEditablePost(user, params.postId);
  invariantResponse(post.kind === "comment", "Example messages are edited through the anonymiser.", { status: 400 });
  const form = await readForm(request);
  const intent = form.get("intent");
  const parsed = parseForm(commentSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values, preview: null }, { status: 400 });
  if (intent === "preview") {
    const refusal = await checkPreviewLimit(user);
    if (refusal) {
      const errors = { form: refusal.message } as Record<string, string>;
      return data({ errors, values: { body: parsed.data.body }, preview: null }, retryAfter(refusal));
    }
    return {
      errors: {} as Record<string, string>,
      values: { body: parsed.data.body },
      preview: renderMarkdown(parsed.data.body),
    };
  }
  invariantResponse(intent === "save", "That is not something this page can do.", { status: 400 });
  await editComment(getDb(), { postId: post.id, editorId: user.id, body: parsed.data.body });
  return redirect(postHref(post.thread_slug, post.number));
}

export default function EditPost() {
  const { post } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <>
      <h1>Edit your comment</h1>
      <p>
        Post #{post.number} in <Link to={postHref(post.threadSlug, post.number)}>{post.threadTitle}</Link>. The earlier
        version stays in the post's history.
      </p>
      <Form method="post" className="form form--wide">
        <FormError message={errors.form} />
        <MarkdownEditor
          label="Your comment"
          defaultValue={actionData?.values.body ?? post.body}
          error={errors.body}
          serverPreview={actionData?.preview}
          maxLength={COMMENT_MAX}
        />
        <div className="actions">
          <button type="submit" name="intent" value="save">
            Save changes
          </button>
          <button type="submit" name="intent" value="preview" className="secondary">
            Preview
          </button>
          <Link to={postHref(post.threadSlug, post.number)}>Cancel</Link>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit your comment · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
