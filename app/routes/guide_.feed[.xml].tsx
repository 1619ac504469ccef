import { getDb } from "~/db.server";
import { guideFeedItems } from "~/models/feed.server";
import { atomResponse, guideChangeEntry } from "~/server/feeds.server";

/** GET /guide/feed.xml: changes to the guide, as /guide/history lists them (Atom). */
export async function loader() {
  const changes = await guideFeedItems(getDb());
  return atomResponse({
    page: "/guide/history",
    self: "/guide/feed.xml",
    title: "Beyond Hello: changes to the guide",
    subtitle: "What moderators added to, moved in or removed from the guide.",
    entries: changes.map(guideChangeEntry),
  });
}
