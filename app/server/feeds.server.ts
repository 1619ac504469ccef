/**
 * The four Atom feeds as responses: items from app/models/feed.server.ts, absolute links from SITE_URL.
 * The server caches them for visitors under the tags pageTags gives their paths, so the writes that drop
 * the pages showing a post drop its feeds too.
 */
import type { FeedMessage, FeedThread } from "~/models/feed.server";
import { excerpt } from "~/models/post-view.server";
import { atomFeed, type AtomEntry, type AtomFeed } from "~/utils/atom";
import { postHref } from "~/utils/paging";
import { siteUrl } from "~/utils/site-url.server";

export function absolute(path: string): string {
  return new URL(path, siteUrl()).toString();
}

function messageEntry(message: FeedMessage): AtomEntry {
  const label = message.postKind === "approach" ? "Approach" : "Received reply";
  const content = message.contextLine ? `${message.contextLine}\n\n${message.body}` : message.body;
  return {
    id: absolute(`/threads/${message.threadSlug}#post-${message.number}`),
    title: `${label} in “${message.threadTitle}”: ${excerpt(message.body, 60)}`,
    link: absolute(postHref(message.threadSlug, message.number)),
    author: message.author,
    published: message.createdAt,
    updated: message.editedAt ?? message.createdAt,
    content,
  };
}

function threadEntry(thread: FeedThread): AtomEntry {
  const link = absolute(`/threads/${thread.slug}`);
  return {
    id: link,
    title: `New thread: ${thread.title}`,
    link,
    author: "Beyond Hello",
    published: thread.createdAt,
    updated: thread.createdAt,
    content: thread.prompt,
  };
}

export function feedEntry(item: FeedMessage | FeedThread): AtomEntry {
  return item.kind === "thread" ? threadEntry(item) : messageEntry(item);
}

export function guideChangeEntry(change: {
  id: number;
  actor: string;
  summary: string;
  created_at: number;
  post_thread_slug: string | null;
  post_number: number | null;
}): AtomEntry {
  const link =
    change.post_thread_slug && change.post_number !== null
      ? absolute(postHref(change.post_thread_slug, change.post_number))
      : absolute("/guide");
  return {
    id: absolute(`/guide/history#change-${change.id}`),
    title: change.summary,
    link,
    author: change.actor,
    published: change.created_at,
    updated: change.created_at,
    content: change.summary,
  };
}

export function atomResponse(
  feed: Omit<AtomFeed, "pageUrl" | "selfUrl" | "emptyUpdated"> & { page: string; self: string },
) {
  const body = atomFeed({ ...feed, pageUrl: absolute(feed.page), selfUrl: absolute(feed.self), emptyUpdated: 0 });
  return new Response(body, { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
