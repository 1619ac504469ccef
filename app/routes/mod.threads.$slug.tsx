import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/field";
import { ThreadForm } from "~/components/thread-form";
import { getDb } from "~/db.server";
import { setThreadLocked, updateThread } from "~/models/moderation.server";
import { getThreadForEdit } from "~/models/thread.server";
import { readForm } from "~/server/form.server";
import { invariantResponse } from "~/server/http.server";
import { moderationReasonSchema, parseForm, threadSchema } from "~/server/validation.server";
import { requireModerator } from "~/session.server";
import { NOTE_MAX } from "~/utils/field-lengths";

async function findThread(slug: string | undefined) {
  const thread = await getThreadForEdit(getDb(), slug ?? "");
  invariantResponse(thread, "There is no thread at this address.", { status: 404 });
  return thread;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireModerator(request);
  return { thread: await findThread(params.slug) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const moderator = await requireModerator(request);
  const thread = await findThread(params.slug);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "save") {
    const parsed = parseForm(threadSchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    await updateThread(getDb(), { threadId: thread.id, moderatorId: moderator.id, text: parsed.data });
    return redirect(`/threads/${thread.slug}`);
  }
  if (intent === "lock" || intent === "unlock") {
    const parsed = parseForm(moderationReasonSchema, form);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: parsed.values }, { status: 400 });
    await setThreadLocked(getDb(), {
      threadId: thread.id,
      moderatorId: moderator.id,
      locked: intent === "lock",
      reason: parsed.data.reason,
    });
    return redirect(`/threads/${thread.slug}`);
  }
  throw data("That is not something this page can do.", { status: 400 });
}

export default function ModerateThread() {
  const { thread } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lockErrors = actionData && actionData.intent !== "save" ? actionData.errors : {};
  return (
    <>
      <h1>Moderate “{thread.title}”</h1>
      <p>
        <Link to={`/threads/${thread.slug}`}>Back to the thread</Link>
      </p>
      <h2>{thread.locked_at ? "Unlock the thread" : "Lock the thread"}</h2>
      <p>
        {thread.locked_at
          ? "The thread is locked: it takes no new posts, edits or votes."
          : "A locked thread takes no new posts, edits or votes; it stays readable."}
      </p>
      <Form method="post" className="form">
        <Field
          label="Reason (shown in the public log)"
          name="reason"
          error={lockErrors.reason}
          defaultValue={actionData?.intent !== "save" ? actionData?.values.reason : undefined}
          maxLength={NOTE_MAX}
          required
        />
        <button type="submit" name="intent" value={thread.locked_at ? "unlock" : "lock"}>
          {thread.locked_at ? "Unlock thread" : "Lock thread"}
        </button>
      </Form>
      <h2>Prompt and context</h2>
      <ThreadForm
        values={
          actionData?.intent === "save"
            ? actionData.values
            : { title: thread.title, prompt: thread.prompt, context: thread.context_md }
        }
        errors={actionData?.intent === "save" ? actionData.errors : {}}
        submitLabel="Save the thread"
      />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Moderate thread · Beyond Hello" }];
