/**
 * The benchmark's rows for coming back (issue 14): `/` as a member following all 20 threads (unread
 * markers and follow marks on every row), `/notifications` with a page of notifications, and the
 * forum's Atom feed. Both member pages are held to ≤ 1.2× the signed-in thread page's CPU per request.
 */
import type { NotificationKind } from "../../app/utils/notification-kinds";
import { openDatabase } from "../../db/database";
import type { Scenario, Server } from "./runner";
import type { Session } from "./scenarios";
import { fmtSpread, type Spread } from "./statistics";

/** Members that follow every thread and have notifications: enough to spread the requests over. */
const FOLLOWERS = 50;
const NOTIFICATIONS_EACH = 45;
export const COMING_BACK_RATIO = 1.2;

/** Follows every thread for the first FOLLOWERS sessions, a few posts behind, and writes their notifications. */
export async function prepareComingBack(dbFile: string, sessions: Session[]): Promise<Session[]> {
  const db = openDatabase(dbFile);
  const followers = sessions.slice(0, FOLLOWERS);
  const threads = await db.selectFrom("thread").select(["id", "last_post_number"]).execute();
  const posts = await db
    .selectFrom("post")
    .select(["id", "thread_id", "author_id"])
    .where("kind", "!=", "comment")
    .where("deleted_at", "is", null)
    .orderBy("id")
    .limit(2000)
    .execute();
  const now = Date.now();
  const kinds: NotificationKind[] = ["reply", "mention", "vote_milestone", "followed_thread", "quote"];
  for (const [n, member] of followers.entries()) {
    await db
      .insertInto("thread_reader")
      .values(
        threads.map((t) => ({
          user_id: member.userId,
          thread_id: t.id,
          level: "following" as const,
          last_read_number: Math.max(0, t.last_post_number - 3),
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["user_id", "thread_id"]).doNothing())
      .execute();
    await db
      .insertInto("notification")
      .values(
        Array.from({ length: NOTIFICATIONS_EACH }, (_, i) => {
          const post = posts[(n * NOTIFICATIONS_EACH + i) % posts.length];
          const source = posts[(n * NOTIFICATIONS_EACH + i + 7) % posts.length];
          const kind = kinds[i % kinds.length];
          return {
            user_id: member.userId,
            kind,
            actor_id: source.author_id,
            thread_id: post.thread_id,
            post_id: kind === "followed_thread" ? null : post.id,
            source_post_id: source.id,
            detail: null,
            count: kind === "vote_milestone" ? 10 : 1,
            created_at: now - i * 60_000,
            updated_at: now - i * 60_000,
            read_at: i % 3 === 0 ? now : null,
            emailed_at: null,
          };
        }),
      )
      .execute();
  }
  await db.destroy();
  return followers;
}

export function comingBackScenarios({ followers }: { app: Server; followers: Session[] }): Scenario[] {
  let homeTurn = 0;
  let listTurn = 0;
  return [
    {
      key: "home-following",
      label: "thread list / (member following 20 threads)",
      server: "app",
      method: "GET",
      path: "/",
      expect: 200,
      vary: () => ({ headers: { Cookie: followers[homeTurn++ % followers.length].cookie } }),
    },
    {
      key: "notifications",
      label: `/notifications (member, ${NOTIFICATIONS_EACH} notifications)`,
      server: "app",
      method: "GET",
      path: "/notifications",
      expect: 200,
      vary: () => ({ headers: { Cookie: followers[listTurn++ % followers.length].cookie } }),
    },
    { key: "feed", label: "/feed.xml (visitor, cache)", server: "app", method: "GET", path: "/feed.xml", expect: 200 },
    {
      key: "feed-nocache",
      label: "/feed.xml (visitor, no cache)",
      server: "nocache",
      method: "GET",
      path: "/feed.xml",
      expect: 200,
    },
  ];
}

/** The targets: each member page's CPU per request over the signed-in thread page's, same round, 50 connections. */
export function comingBackTargets(perRound: (a: string, b: string, connections: number) => Spread) {
  return (["home-following", "notifications"] as const).map((key) => {
    const ratio = perRound(key, "thread-member", 50);
    return {
      target: `${key === "notifications" ? "/notifications" : "/ following 20 threads"} ≤ ${COMING_BACK_RATIO}× the signed-in thread page's CPU/req`,
      value: ratio.median,
      shown: `${fmtSpread(ratio)}×`,
      pass: ratio.median <= COMING_BACK_RATIO,
    };
  });
}
