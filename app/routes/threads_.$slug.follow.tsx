import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import { setLevel } from "~/models/thread-reader.server";
import { getThreadBySlug } from "~/models/thread.server";
import { formText, readForm } from "~/server/form.server";
import { invariantResponse } from "~/server/http.server";
import { requireUser, safeRedirect } from "~/session.server";

const LEVELS = ["normal", "following", "muted"] as const;

/** Follow, mute or leave a thread at the default; back to where the form was (the thread, or /settings). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const thread = await getThreadBySlug(getDb(), params.slug ?? "");
  invariantResponse(thread, "There is no thread at this address.", { status: 404 });
  const form = await readForm(request);
  const level = LEVELS.find((l) => l === formText(form, "level"));
  invariantResponse(level, "Choose to follow, mute, or neither.", { status: 400 });
  await setLevel(getDb(), { userId: user.id, threadId: thread.id, level });
  return redirect(safeRedirect(form.get("returnTo"), `/threads/${thread.slug}`));
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/threads/${params.slug ?? ""}`);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
