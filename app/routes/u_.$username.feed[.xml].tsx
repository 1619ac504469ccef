import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { memberFeedItems } from "~/models/feed.server";
import { getUserByUsername } from "~/models/user.server";
import { atomResponse, feedEntry } from "~/server/feeds.server";
import { invariantResponse } from "~/server/http.server";

/** GET /u/:username/feed.xml: the member's newest example messages (Atom). */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const member = await getUserByUsername(db, params.username ?? "");
  invariantResponse(member && member.deleted_at === null, "There is no member with that name.", { status: 404 });
  const items = await memberFeedItems(db, member.id);
  return atomResponse({
    page: `/u/${member.username}`,
    self: `/u/${member.username}/feed.xml`,
    title: `Beyond Hello: example messages by ${member.username}`,
    subtitle: `Anonymised example messages ${member.username} shared, newest first.`,
    entries: items.map(feedEntry),
  });
}
