import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { threadFeedItems } from "~/models/feed.server";
import { getThreadBySlug } from "~/models/thread.server";
import { atomResponse, feedEntry } from "~/server/feeds.server";
import { invariantResponse } from "~/server/http.server";

/** GET /threads/:slug/feed.xml: the thread's newest example messages (Atom). */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const thread = await getThreadBySlug(db, params.slug ?? "");
  invariantResponse(thread, "There is no such thread.", { status: 404 });
  const items = await threadFeedItems(db, thread.id);
  return atomResponse({
    page: `/threads/${thread.slug}`,
    self: `/threads/${thread.slug}/feed.xml`,
    title: `Beyond Hello: ${thread.title}`,
    subtitle: thread.prompt,
    entries: items.map(feedEntry),
  });
}
