import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ThreadForm } from "~/components/thread-form";
import { getDb } from "~/db.server";
import { createThread } from "~/models/moderation.server";
import { readForm } from "~/server/form.server";
import { parseForm, threadSchema } from "~/server/validation.server";
import { requireModerator } from "~/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireModerator(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const moderator = await requireModerator(request);
  const parsed = parseForm(threadSchema, await readForm(request));
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const thread = await createThread(getDb(), { moderatorId: moderator.id, text: parsed.data });
  return redirect(`/threads/${thread.slug}`);
}

export default function NewThread() {
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Open a new prompt thread</h1>
      <ThreadForm values={actionData?.values ?? {}} errors={actionData?.errors ?? {}} submitLabel="Open the thread" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "New prompt thread · Moderation · Beyond Hello" }];
