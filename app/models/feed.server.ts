/**
 * What the Atom feeds list: example messages (stored anonymised) readers can see, new threads, and the
 * guide's changes. Only readersCanSee posts: a hidden, withheld or deleted post is in no feed, for
 * anyone (feeds are cached and shared like visitors' pages). No scores: visitors see none before voting.
 */
import type { Kysely } from "kysely";
import { listModerationLog } from "~/models/moderation-log.server";
import { displayName, readersCanSee } from "~/models/post-view.server";
import type { Database } from "../../db/schema";

export const FEED_SIZE = 30;

export interface FeedMessage {
  kind: "message";
  id: number;
  number: number;
  postKind: string;
  body: string;
  contextLine: string | null;
  author: string;
  createdAt: number;
  editedAt: number | null;
  threadSlug: string;
  threadTitle: string;
}

export interface FeedThread {
  kind: "thread";
  slug: string;
  title: string;
  prompt: string;
  createdAt: number;
}

function messagesQuery(db: Kysely<Database>) {
  return db
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .innerJoin("user as author", "author.id", "post.author_id")
    .select([
      "post.id",
      "post.number",
      "post.kind",
      "post.body",
      "post.context_line",
      "post.created_at",
      "post.edited_at",
      "thread.slug",
      "thread.title",
      "author.username",
      "author.deleted_at as author_deleted_at",
    ])
    .where("post.kind", "in", ["approach", "received_reply"])
    .where((eb) => readersCanSee(eb))
    .orderBy("post.id", "desc")
    .limit(FEED_SIZE);
}

type MessageRow = Awaited<ReturnType<ReturnType<typeof messagesQuery>["execute"]>>[number];

function toMessage(row: MessageRow): FeedMessage {
  return {
    kind: "message",
    id: row.id,
    number: row.number,
    postKind: row.kind,
    body: row.body,
    contextLine: row.context_line,
    author: displayName(row.username, row.author_deleted_at) ?? "former member",
    createdAt: row.created_at,
    editedAt: row.edited_at,
    threadSlug: row.slug,
    threadTitle: row.title,
  };
}

/** The forum's feed: the newest example messages and threads, newest first. */
export async function forumFeedItems(db: Kysely<Database>): Promise<(FeedMessage | FeedThread)[]> {
  const [messages, threads] = await Promise.all([
    messagesQuery(db).execute(),
    db
      .selectFrom("thread")
      .select(["slug", "title", "prompt", "created_at"])
      .orderBy("id", "desc")
      .limit(FEED_SIZE)
      .execute(),
  ]);
  const items: (FeedMessage | FeedThread)[] = [
    ...messages.map(toMessage),
    ...threads.map((t) => ({
      kind: "thread" as const,
      slug: t.slug,
      title: t.title,
      prompt: t.prompt,
      createdAt: t.created_at,
    })),
  ];
  return items.sort((a, b) => b.createdAt - a.createdAt).slice(0, FEED_SIZE);
}

export async function threadFeedItems(db: Kysely<Database>, threadId: number): Promise<FeedMessage[]> {
  const rows = await messagesQuery(db).where("post.thread_id", "=", threadId).execute();
  return rows.map(toMessage);
}

export async function memberFeedItems(db: Kysely<Database>, authorId: number): Promise<FeedMessage[]> {
  const rows = await messagesQuery(db).where("post.author_id", "=", authorId).execute();
  return rows.map(toMessage);
}

/** The guide's changes, as /guide/history lists them (moderators' summaries, public there already). */
export async function guideFeedItems(db: Kysely<Database>) {
  const { entries } = await listModerationLog(db, { before: null, actionPrefix: "guide." });
  return entries.slice(0, FEED_SIZE);
}
