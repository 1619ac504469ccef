/**
 * The public moderation log: every moderator and admin action, with who,
 * what, where, when and why. Summaries describe the action, never a post's
 * words, so a post hidden for naming someone is not repeated here.
 */
import type { Kysely, Transaction } from "kysely";
import { pageTag } from "~/utils/page-cache.server";
import type { Database } from "../../db/schema";
import { dropPages } from "./drop-pages.server";

type Db = Kysely<Database> | Transaction<Database>;

export type ModerationAction =
  | "post.hide"
  | "post.restore"
  | "post.reanonymise"
  | "flags.dismiss"
  | "thread.create"
  | "thread.edit"
  | "thread.lock"
  | "thread.unlock"
  | "role.grant"
  | "role.revoke"
  | "guide.section.create"
  | "guide.section.edit"
  | "guide.section.move"
  | "guide.section.remove"
  | "guide.entry.add"
  | "guide.entry.edit"
  | "guide.entry.accept"
  | "guide.entry.move"
  | "guide.entry.mark"
  | "guide.entry.remove"
  /** Not a moderator's act: the author withdrew their message from the guide (decision 0013). */
  | "guide.entry.withdraw";

export interface LogInput {
  actorId: number;
  action: ModerationAction;
  summary: string;
  reason?: string | null;
  threadId?: number | null;
  postId?: number | null;
  targetUserId?: number | null;
  guideSectionId?: number | null;
  now?: number;
}

/**
 * Records an action; call it inside the transaction that makes the change, so neither lands without the other.
 * The log's page shows every action, so it is dropped here; the pages showing the change itself are named by
 * the caller (a guide change by logGuideChange in guide.server.ts).
 */
export async function logAction(db: Db, input: LogInput): Promise<void> {
  dropPages(pageTag.log);
  await db
    .insertInto("moderation_log")
    .values({
      actor_id: input.actorId,
      action: input.action,
      summary: input.summary,
      reason: input.reason ?? null,
      thread_id: input.threadId ?? null,
      post_id: input.postId ?? null,
      target_user_id: input.targetUserId ?? null,
      guide_section_id: input.guideSectionId ?? null,
      created_at: input.now ?? Date.now(),
    })
    .execute();
}

export const LOG_PAGE_SIZE = 50;

/** Newest first, `before` an entry id (keyset paging); optionally only actions starting with a prefix ("guide."). */
export async function listModerationLog(
  db: Db,
  { before, actionPrefix }: { before: number | null; actionPrefix?: string },
) {
  let query = db
    .selectFrom("moderation_log as log")
    .innerJoin("user as actor", "actor.id", "log.actor_id")
    .leftJoin("thread", "thread.id", "log.thread_id")
    .leftJoin("post", "post.id", "log.post_id")
    .leftJoin("thread as post_thread", "post_thread.id", "post.thread_id")
    .leftJoin("user as target", "target.id", "log.target_user_id")
    .select([
      "log.id",
      "log.action",
      "log.summary",
      "log.reason",
      "log.created_at",
      "actor.username as actor",
      "thread.slug as thread_slug",
      "thread.title as thread_title",
      "post.number as post_number",
      "post_thread.slug as post_thread_slug",
      "post_thread.title as post_thread_title",
      "target.username as target_username",
    ])
    .orderBy("log.id", "desc")
    .limit(LOG_PAGE_SIZE + 1);
  if (before !== null) query = query.where("log.id", "<", before);
  if (actionPrefix) query = query.where("log.action", "like", `${actionPrefix}%`);
  const rows = await query.execute();
  const entries = rows.slice(0, LOG_PAGE_SIZE);
  return { entries, nextBefore: rows.length > LOG_PAGE_SIZE ? entries[entries.length - 1].id : null };
}
