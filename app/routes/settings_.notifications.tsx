import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import { saveInAppSettings } from "~/models/notification-settings.server";
import { formText, readForm } from "~/server/form.server";
import { invariantResponse } from "~/server/http.server";
import { requireUser } from "~/session.server";
import { FAMILY_NAMES } from "~/utils/notification-kinds";

/** Saves which notification families show in the app (the form on /settings); an unknown one is refused. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const chosen = form.getAll("inApp").map(String);
  invariantResponse(
    formText(form, "intent") === "save" && chosen.every((family) => (FAMILY_NAMES as string[]).includes(family)),
    "That is not one of the kinds of notification.",
    { status: 400 },
  );
  await saveInAppSettings(getDb(), { userId: user.id, inApp: FAMILY_NAMES.filter((f) => chosen.includes(f)) });
  return redirect("/settings#notifications");
}

export function loader() {
  return redirect("/settings#notifications");
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
