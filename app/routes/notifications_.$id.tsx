import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import { openNotification } from "~/models/notification-list.server";
import { invariantResponse } from "~/server/http.server";
import { idSchema } from "~/server/validation.server";
import { requireUser } from "~/session.server";

/**
 * Opening a notification: marks it read and leads where it points. A GET, as a link in the list (and in
 * an e-mail) must be; marking one's own notification read is the only thing it changes, and only for
 * the member signed in.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = idSchema.safeParse(params.id);
  invariantResponse(id.success, "There is no such notification.", { status: 404 });
  const href = await openNotification(getDb(), { userId: user.id, id: id.data });
  invariantResponse(href, "There is no such notification.", { status: 404 });
  return redirect(href);
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
