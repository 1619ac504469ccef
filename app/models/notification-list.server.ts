/**
 * Reading a member's notifications: the header's unread count (one indexed query), the page of them
 * grouped by post, opening one (marks it read), marking all read, and marking read what a thread page
 * has just shown. Writing them is notifications.server.ts.
 */
import type { Kysely } from "kysely";
import { postHref } from "~/utils/paging";
import type { Database, NotificationKind } from "../../db/schema";
import { displayName, excerpt, readersCanSee } from "./post-view.server";

export const NOTIFICATIONS_PER_PAGE = 30;

/** Unread notifications of a member: read through the partial index of unread rows, never the table. */
export async function countUnread(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  /** Null for the system, and "former member" is the page's word for a deleted account. */
  actor: string | null;
  actorGone: boolean;
  count: number;
  detail: string | null;
  at: number;
  read: boolean;
  threadTitle: string | null;
  /** Where the notification leads, through /notifications/:id which marks it read. */
  href: string;
  /** The recipient's post it is about, for the group heading. */
  post: { id: number; number: number; excerpt: string | null } | null;
  /** A few words of the reply or mention, when readers may see them. */
  sourceExcerpt: string | null;
  /** For "added to the guide": the post they may withdraw, if it is still in the guide. */
  withdrawable: number | null;
}

function query(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom("notification as n")
    .leftJoin("user as actor", "actor.id", "n.actor_id")
    .leftJoin("thread", "thread.id", "n.thread_id")
    .leftJoin("post", "post.id", "n.source_post_id")
    .leftJoin("post as own", "own.id", "n.post_id")
    .leftJoin("guide_entry as entry", (join) =>
      join.onRef("entry.post_id", "=", "n.post_id").on("entry.withdrawn_at", "is", null),
    )
    .select([
      "n.id",
      "n.kind",
      "n.count",
      "n.detail",
      "n.updated_at",
      "n.read_at",
      "n.actor_id",
      "n.post_id",
      "n.source_post_id",
      "actor.username as actor_username",
      "actor.deleted_at as actor_deleted_at",
      "thread.slug",
      "thread.title as thread_title",
      "post.number as source_number",
      "post.body as source_body",
      "own.number as own_number",
      "own.body as own_body",
      "own.deleted_at as own_deleted_at",
      "entry.id as entry_id",
    ])
    .select((eb) => readersCanSee(eb).as("source_public"))
    .where("n.user_id", "=", userId);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>["execute"]>>[number];

function destination(row: Row): string {
  if (row.kind === "guide_added" && row.entry_id !== null) return "/guide";
  if (row.kind === "flag_resolved" && row.source_post_id !== null) return `/posts/${row.source_post_id}/flag`;
  if (row.slug && row.source_number !== null) return postHref(row.slug, row.source_number);
  if (row.slug && row.own_number !== null) return postHref(row.slug, row.own_number);
  return row.slug ? `/threads/${row.slug}` : "/notifications";
}

function toItem(row: Row): NotificationItem {
  return {
    id: row.id,
    kind: row.kind,
    actor: displayName(row.actor_username, row.actor_deleted_at),
    actorGone: row.actor_id !== null && row.actor_deleted_at !== null,
    count: row.count,
    detail: row.detail,
    at: row.updated_at,
    read: row.read_at !== null,
    threadTitle: row.thread_title,
    href: `/notifications/${row.id}`,
    post:
      row.post_id !== null && row.own_number !== null
        ? {
            id: row.post_id,
            number: row.own_number,
            excerpt: row.own_deleted_at === null && row.own_body ? excerpt(row.own_body, 60) : null,
          }
        : null,
    sourceExcerpt: row.source_public && row.source_body && row.kind !== "guide_added" ? excerpt(row.source_body) : null,
    withdrawable: row.kind === "guide_added" && row.entry_id !== null ? row.post_id : null,
  };
}

/** A page of notifications, newest first, grouped by the post they are about (in order of each group's newest). */
export async function listNotifications(db: Kysely<Database>, { userId, page }: { userId: number; page: number }) {
  const rows = await query(db, userId)
    .orderBy("n.updated_at", "desc")
    .orderBy("n.id", "desc")
    .limit(NOTIFICATIONS_PER_PAGE + 1)
    .offset((page - 1) * NOTIFICATIONS_PER_PAGE)
    .execute();
  const groups = new Map<string, NotificationItem[]>();
  for (const row of rows.slice(0, NOTIFICATIONS_PER_PAGE)) {
    const key = row.post_id !== null ? `post:${row.post_id}` : `one:${row.id}`;
    groups.set(key, [...(groups.get(key) ?? []), toItem(row)]);
  }
  return { groups: [...groups.values()], hasMore: rows.length > NOTIFICATIONS_PER_PAGE };
}

/** Marks one of the member's notifications read and answers where it leads; null if it is not theirs. */
export async function openNotification(
  db: Kysely<Database>,
  { userId, id, now = Date.now() }: { userId: number; id: number; now?: number },
): Promise<string | null> {
  const row = await query(db, userId).where("n.id", "=", id).executeTakeFirst();
  if (!row) return null;
  await db
    .updateTable("notification")
    .set({ read_at: now })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
  return destination(row);
}

export async function markAllRead(
  db: Kysely<Database>,
  { userId, now = Date.now() }: { userId: number; now?: number },
) {
  await db
    .updateTable("notification")
    .set({ read_at: now })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
}

/** A thread page showed these posts: notifications they caused, and the thread's "new messages" row, are read. */
export async function markShownRead(
  db: Kysely<Database>,
  {
    userId,
    threadId,
    postIds,
    now = Date.now(),
  }: { userId: number; threadId: number; postIds: number[]; now?: number },
) {
  await db
    .updateTable("notification")
    .set({ read_at: now })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("kind", "=", "followed_thread"), eb("thread_id", "=", threadId)]),
        ...(postIds.length > 0
          ? [
              eb.and([
                eb("source_post_id", "in", postIds),
                eb("kind", "in", ["reply", "quote", "mention", "approach_linked"]),
              ]),
            ]
          : []),
      ]),
    )
    .execute();
}
