/**
 * A member's follows, mutes and notification settings for their data export (/settings/export): what
 * they chose, in their own words' terms (thread addresses, family names), not internal ids.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export async function comingBackForExport(db: Kysely<Database>, userId: number) {
  const [threads, settings] = await Promise.all([
    db
      .selectFrom("thread_reader as reader")
      .innerJoin("thread", "thread.id", "reader.thread_id")
      .select(["thread.slug", "thread.title", "reader.level", "reader.last_read_number", "reader.updated_at"])
      .where("reader.user_id", "=", userId)
      .orderBy("thread.id")
      .execute(),
    db
      .selectFrom("notification_setting")
      .select(["family", "in_app", "email", "updated_at"])
      .where("user_id", "=", userId)
      .orderBy("family")
      .execute(),
  ]);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    // Only threads they chose to follow or mute: the rest is the last post they were shown, kept for "new".
    followedThreads: threads
      .filter((t) => t.level !== "normal")
      .map((t) => ({ thread: t.slug, threadTitle: t.title, level: t.level, since: iso(t.updated_at) })),
    lastRead: threads.map((t) => ({ thread: t.slug, lastPostSeen: t.last_read_number })),
    // Families with no row here use the defaults (shown in the app, no e-mail).
    notificationSettings: settings.map((s) => ({
      family: s.family,
      inApp: s.in_app === 1,
      email: s.email,
      changed: iso(s.updated_at),
    })),
  };
}
