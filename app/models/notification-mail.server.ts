/**
 * Notifications on their way to e-mail (decision 0014). The sender's round first moves what is due into
 * the outbox: each notification once (its `emailed_at` is set in the same transaction as its outbox row,
 * and the row's dedupe key is the notification's id), only for a member with a verified address who chose
 * "at once" or "daily digest" for its family, and only while it is unread. A digest takes a member's
 * day of such notifications in one row. The words are read when the message is written, from what readers
 * may see (readersCanSee), so a post hidden in the meantime is not quoted.
 */
import type { Kysely } from "kysely";
import { FAMILY_NAMES, NOTIFICATION_FAMILIES, type NotificationFamily } from "~/utils/notification-kinds";
import type { Database } from "../../db/schema";
import { enqueueMail } from "./mail-outbox.server";
import { readersCanSee } from "./post-view.server";

const DAY = 24 * 60 * 60 * 1000;
const ROUND_LIMIT = 500;

function due(db: Kysely<Database>, family: NotificationFamily, choice: "instant" | "daily") {
  return db
    .selectFrom("notification")
    .innerJoin("member_email", "member_email.user_id", "notification.user_id")
    .innerJoin("notification_setting", (join) =>
      join
        .onRef("notification_setting.user_id", "=", "notification.user_id")
        .on("notification_setting.family", "=", family)
        .on("notification_setting.email", "=", choice),
    )
    .select(["notification.id", "notification.user_id", "notification.created_at"])
    .where("notification.kind", "in", [...NOTIFICATION_FAMILIES[family]])
    .where("notification.emailed_at", "is", null)
    .where("notification.read_at", "is", null);
}

/** Claims notifications for e-mail: true for those this call marked (another round cannot mark them again). */
async function markEmailed(db: Kysely<Database>, ids: number[], now: number): Promise<number[]> {
  const marked: number[] = [];
  for (const id of ids) {
    const result = await db
      .updateTable("notification")
      .set({ emailed_at: now })
      .where("id", "=", id)
      .where("emailed_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) > 0) marked.push(id);
  }
  return marked;
}

/** "At once": one outbox row per notification. Returns how many were queued. */
export async function queueInstantNotifications(db: Kysely<Database>, now = Date.now()): Promise<number> {
  let queued = 0;
  for (const family of FAMILY_NAMES) {
    const rows = await due(db, family, "instant").orderBy("notification.id").limit(ROUND_LIMIT).execute();
    for (const row of rows) {
      await db.transaction().execute(async (trx) => {
        if ((await markEmailed(trx, [row.id], now)).length === 0) return;
        await enqueueMail(trx, {
          userId: row.user_id,
          kind: "notification",
          payload: { notificationIds: [row.id], family },
          dedupeKey: `notification:${row.id}`,
          now,
        });
        queued++;
      });
    }
  }
  return queued;
}

/**
 * "Daily digest": a member's unread notifications of their digest families, once the oldest has waited a
 * day (so a digest covers about a day, and a quiet member gets none). Returns how many digests were queued.
 */
export async function queueDueDigests(db: Kysely<Database>, now = Date.now()): Promise<number> {
  const byMember = new Map<number, { ids: number[]; oldest: number; families: Set<NotificationFamily> }>();
  for (const family of FAMILY_NAMES) {
    for (const row of await due(db, family, "daily").limit(ROUND_LIMIT).execute()) {
      const entry = byMember.get(row.user_id) ?? { ids: [], oldest: row.created_at, families: new Set() };
      entry.ids.push(row.id);
      entry.oldest = Math.min(entry.oldest, row.created_at);
      entry.families.add(family);
      byMember.set(row.user_id, entry);
    }
  }
  let queued = 0;
  for (const [userId, entry] of byMember) {
    if (now - entry.oldest < DAY) continue;
    await db.transaction().execute(async (trx) => {
      const ids = await markEmailed(
        trx,
        entry.ids.sort((a, b) => a - b),
        now,
      );
      if (ids.length === 0) return;
      await enqueueMail(trx, {
        userId,
        kind: "digest",
        payload: { notificationIds: ids, families: [...entry.families] },
        dedupeKey: `digest:${ids[0]}`,
        now,
      });
      queued++;
    });
  }
  return queued;
}

/** The member's verified address, or null (removed since the row was queued). */
export async function mailAddressOf(db: Kysely<Database>, userId: number): Promise<string | null> {
  const row = await db
    .selectFrom("member_email")
    .innerJoin("user", "user.id", "member_email.user_id")
    .select("member_email.address")
    .where("member_email.user_id", "=", userId)
    .where("user.deleted_at", "is", null)
    .executeTakeFirst();
  return row?.address ?? null;
}

/** What a message needs to say about these notifications: still unread ones only, oldest first. */
export async function notificationsForMail(db: Kysely<Database>, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("notification")
    .leftJoin("user as actor", "actor.id", "notification.actor_id")
    .leftJoin("thread", "thread.id", "notification.thread_id")
    .leftJoin("post", (join) => join.onRef("post.id", "=", "notification.source_post_id").on(readersCanSee))
    .select([
      "notification.id",
      "notification.kind",
      "notification.detail",
      "notification.count",
      "notification.created_at",
      "actor.username as actorName",
      "actor.deleted_at as actorDeletedAt",
      "thread.id as threadId",
      "thread.slug",
      "thread.title",
      "post.number",
      "post.body",
      "post.kind as postKind",
    ])
    .where("notification.id", "in", ids)
    .where("notification.read_at", "is", null)
    .orderBy("notification.id")
    .execute();
}

export type NotificationForMail = Awaited<ReturnType<typeof notificationsForMail>>[number];
