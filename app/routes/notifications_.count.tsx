import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { countUnread } from "~/models/notification-list.server";
import { getUser } from "~/session.server";

/** The header's unread count, asked again when a member returns to the tab (components/notification-count.tsx). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return Response.json(
    { count: user ? await countUnread(getDb(), user.id) : 0 },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
