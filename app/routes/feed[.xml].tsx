import { getDb } from "~/db.server";
import { forumFeedItems } from "~/models/feed.server";
import { atomResponse, feedEntry } from "~/server/feeds.server";

/** GET /feed.xml: new example messages and threads across the forum (Atom). */
export async function loader() {
  const items = await forumFeedItems(getDb());
  return atomResponse({
    page: "/",
    self: "/feed.xml",
    title: "Beyond Hello: new example messages and threads",
    subtitle: "Anonymised example messages and new threads, newest first.",
    entries: items.map(feedEntry),
  });
}
