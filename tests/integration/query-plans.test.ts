/**
 * Every query the pages make, on a forum the size of the benchmark's, reads
 * through an index: no scan of a large table, whatever page is asked for.
 * The queries are captured from the model functions themselves (Kysely's
 * log), so a new query on a page is checked without listing it here.
 */
import { CompiledQuery, type Kysely, type LogEvent } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { flaggedBy } from "../../app/models/flag.server";
import { getGuide, listSectionsBrief } from "../../app/models/guide.server";
import { listModerationLog } from "../../app/models/moderation-log.server";
import { listFlagQueue } from "../../app/models/moderation.server";
import { countUnread, listNotifications } from "../../app/models/notification-list.server";
import {
  countThreadExamples,
  listMemberPosts,
  listThreadExamples,
  listThreadPage,
} from "../../app/models/post-view.server";
import { listThreadLife } from "../../app/models/thread-life.server";
import { listThreadsForMember } from "../../app/models/thread-reader.server";
import { getThreadBySlug, listThreads } from "../../app/models/thread.server";
import { getUserByUsername } from "../../app/models/user.server";
import { castVote, voteViews } from "../../app/models/vote.server";
import { createSession, generateSessionToken, validateSessionToken } from "../../app/session.server";
import { openDatabase } from "../../db/database";
import type { Database } from "../../db/schema";
import { BIG_THREAD_SLUG, generateDatabase } from "../bench/generate";
import { freshDatabasePath, onPostgres } from "../setup/test-database";

// Tables that grow with the forum; scanning one is a page that slows as the community grows.
const LARGE = [
  "post",
  "vote",
  "vote_reason",
  "user",
  "session",
  "flag",
  "post_revision",
  "moderation_log",
  "notification",
  "thread_reader",
];

let db: Kysely<Database>;
let exampleId: number;
const captured: { sql: string; parameters: readonly unknown[] }[] = [];

beforeAll(async () => {
  if (onPostgres) return;
  const file = freshDatabasePath("plans");
  await generateDatabase(file, { members: 400, bigPosts: 3_000, mediumPosts: 300, votes: 20_000 });
  const plain = openDatabase(file);
  exampleId = (
    await plain
      .selectFrom("post")
      .select("id")
      .where("kind", "=", "approach")
      .where("author_id", "!=", 30)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow()
  ).id;
  await plain.destroy();
  db = openDatabase(file, {
    log: (event: LogEvent) => {
      if (event.level === "query" && /^\s*select/i.test(event.query.sql))
        captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
}, 120_000);

async function plansOf(run: () => Promise<unknown>): Promise<{ sql: string; plan: string[] }[]> {
  captured.length = 0;
  await run();
  const queries = captured.splice(0);
  const plans = [];
  for (const query of queries) {
    const rows = await db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${query.sql}`, [...query.parameters]),
    );
    plans.push({ sql: query.sql, plan: rows.rows.map((r) => r.detail) });
  }
  return plans;
}

// SQLite's planner, read from EXPLAIN QUERY PLAN on a generated forum (the benchmark's generator writes SQLite).
// PostgreSQL plans by its own statistics; tests/integration/posts.test.ts checks the thread page's plan there.
describe.skipIf(onPostgres)("query plans of every page", () => {
  it.each([
    ["the thread list", async () => listThreads(db)],
    ["the thread list's life (issue 17)", async () => listThreadLife(db)],
    [
      "a thread's first and deepest pages",
      async () => {
        const thread = (await getThreadBySlug(db, BIG_THREAD_SLUG))!;
        const viewer = { id: 5, role: "member" as const };
        for (const page of [1, 60]) {
          const posts = await listThreadPage(db, { threadId: thread.id, page, viewer });
          await voteViews(db, { posts, viewer, threadLocked: () => false });
          await flaggedBy(db, { userId: viewer.id, postIds: posts.map((p) => p.id) });
        }
      },
    ],
    [
      "a thread's example messages, most authentic and newest",
      async () => {
        const thread = (await getThreadBySlug(db, BIG_THREAD_SLUG))!;
        await countThreadExamples(db, thread.id);
        for (const sort of ["top", "new"] as const)
          await listThreadExamples(db, { threadId: thread.id, sort, page: 2, viewer: null });
      },
    ],
    [
      "the guide",
      async () => {
        await getGuide(db);
        await listSectionsBrief(db);
      },
    ],
    [
      "a member's page",
      async () => {
        const member =
          (await getUserByUsername(db, "member_0007")) ??
          (await db
            .selectFrom("user")
            .select("username")
            .where("id", "=", 20)
            .executeTakeFirstOrThrow()
            .then((u) => getUserByUsername(db, u.username)));
        await listMemberPosts(db, { authorId: member!.id, before: null, viewer: null });
        await listMemberPosts(db, { authorId: member!.id, before: null, viewer: null, sort: "top" });
      },
    ],
    [
      "the moderation log and the flag queue",
      async () => {
        await listModerationLog(db, { before: null });
        await listModerationLog(db, { before: null, actionPrefix: "guide." });
        await listFlagQueue(db);
      },
    ],
    [
      "a session check and a vote",
      async () => {
        const token = generateSessionToken();
        await createSession(db, { token, userId: 30 });
        await validateSessionToken(db, { token });
        await castVote(db, { postId: exampleId, userId: 30, choice: { value: "authentic" } });
      },
    ],
    [
      "a member's home page, unread count and notifications (issue 14)",
      async () => {
        await countUnread(db, 30);
        await listThreadsForMember(db, { userId: 30 });
        await listThreadsForMember(db, { userId: 30, unreadOnly: true });
        await listNotifications(db, { userId: 30, page: 1 });
      },
    ],
  ])("%s: no scan of a large table", async (_page, run) => {
    const plans = await plansOf(run);
    expect(plans.length).toBeGreaterThan(0);
    for (const { sql, plan } of plans) {
      const scans = plan.filter((line) =>
        LARGE.some(
          (table) =>
            new RegExp(`^SCAN ${table}\\b|^SCAN \\w+ AS ${table}\\b|^SCAN ${table} `).test(line) &&
            !/USING (COVERING )?INDEX/.test(line),
        ),
      );
      expect(scans, `${sql}\n${plan.join("\n")}`).toEqual([]);
    }
  });

  // Issue 14: the header's count and the markers on / are one query each, read through an index.
  it("the unread count and the markers on / are one indexed query each", async () => {
    const count = await plansOf(() => countUnread(db, 30));
    expect(count).toHaveLength(1);
    // By member: the partial index of unread rows, or (without statistics, as here) the (user_id, updated_at) one.
    expect(count[0].plan.join("\n")).toMatch(
      /SEARCH notification USING (COVERING )?INDEX notification_(unread|user) \(user_id=\?\)/,
    );
    const home = await plansOf(() => listThreadsForMember(db, { userId: 30 }));
    expect(home).toHaveLength(1);
    expect(home[0].plan.join("\n")).toMatch(
      /reader USING (COVERING )?INDEX|reader USING PRIMARY KEY|sqlite_autoindex_thread_reader/,
    );
  });

  // Issue 17: the best example and the last poster of every thread in two queries, whatever the number of
  // threads: per thread, index walks that stop at the first readable post, then the few posts by id.
  it("the home page's life is two indexed queries, whatever the number of threads", async () => {
    const life = await plansOf(() => listThreadLife(db));
    expect(life).toHaveLength(2);
    const [perThread, posts] = life.map((q) => q.plan.join("\n"));
    expect(perThread).toMatch(/SEARCH post USING INDEX post_thread_kind_rank \(thread_id=\? AND kind=\?\)/);
    expect(perThread).toMatch(/SEARCH post USING (COVERING )?INDEX \w+ \(thread_id=\?\)/);
    expect(perThread).not.toMatch(/TEMP B-TREE/);
    expect(posts).toMatch(/SEARCH post USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });
});
