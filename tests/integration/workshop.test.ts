/**
 * The draft workshop against a real migrated database (both engines): 300 rated messages with a
 * phrase planted in those voted "doesn't feel authentic"; the workshop flags it in a new draft,
 * shows the right similar messages, and keeps its statistics current without any request doing
 * the work. Then the real server: a draft sent for feedback leaves no trace in the database files
 * (or rows), the WAL or the server's output.
 */
import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { castVote } from "../../app/models/vote.server";
import { refreshWorkshopCorpus } from "../../app/models/workshop-corpus.server";
import { action as workshopAction, loader as workshopLoader } from "../../app/routes/workshop";
import { wilsonLowerBound } from "../../app/utils/wilson";
import { openDatabase } from "../../db/database";
import type { VoteReason, VoteValue } from "../../db/schema";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";
import { joinOverHttp, seededDatabase, startServer, type RunningServer } from "../setup/server";
import { onPostgres } from "../setup/test-database";

const SLUG = "authentic-or-spam";
const TOPICS = ["pottery", "sailing", "chess", "beekeeping", "cycling", "robotics", "baking", "birdwatching"];
const PLANTED = "synergy opportunity";
let threadId: number;
let voterIds: number[] = [];
const plantedIds: number[] = [];
const potteryAuthenticIds: number[] = [];

type Db = ReturnType<typeof getDb>;

async function addRated(db: Db, body: string, authorId: number, number: number, votes: [VoteValue, VoteReason[]][]) {
  const authentic = votes.filter(([v]) => v === "authentic").length;
  const post = await db
    .insertInto("post")
    .values({
      thread_id: threadId,
      number,
      author_id: authorId,
      kind: "approach",
      body,
      body_html: body,
      created_at: Date.now(),
      authentic_count: authentic,
      not_authentic_count: votes.length - authentic,
      authenticity_rank: wilsonLowerBound(authentic, votes.length),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [i, [value, reasons]] of votes.entries()) {
    const userId = voterIds[(number + i) % voterIds.length];
    await db
      .insertInto("vote")
      .values({ post_id: post.id, user_id: userId, value, created_at: 1, updated_at: 1 })
      .execute();
    for (const reason of reasons)
      await db.insertInto("vote_reason").values({ post_id: post.id, user_id: userId, reason }).execute();
  }
  return post.id;
}

const N = (reasons: VoteReason[] = []): [VoteValue, VoteReason[]] => ["not_authentic", reasons];
const A: [VoteValue, VoteReason[]] = ["authentic", []];

beforeAll(async () => {
  const db = getDb();
  await seed(db);
  const thread = await db
    .selectFrom("thread")
    .select(["id", "last_post_number"])
    .where("slug", "=", SLUG)
    .executeTakeFirstOrThrow();
  threadId = thread.id;
  // Voters and an author without passwords: signing up 13 members through argon2 would only slow the test.
  const ids: number[] = [];
  for (let i = 0; i < 13; i++) {
    const row = await db
      .insertInto("user")
      .values({
        username: `rater${i}`,
        username_key: `rater${i}`,
        password_hash: null,
        created_at: 1,
        deleted_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  const authorId = ids.pop()!;
  voterIds = ids;
  let number = thread.last_post_number;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < 300; i++) {
      const topic = TOPICS[i % TOPICS.length];
      number += 1;
      if (i % 5 === 0) {
        // 60 messages with the planted phrase, voted "doesn't feel authentic", mostly as pushy.
        plantedIds.push(
          await addRated(
            trx,
            `Hello, I see a big ${PLANTED} for us in ${topic}. Let me know when you are free to discuss.`,
            authorId,
            number,
            [N(["pushy"]), N(["pushy", "templated"]), N(["templated"]), N(), A],
          ),
        );
      } else if (i % 5 === 1 && i < 20) {
        // A phrase in only 4 messages: too few to judge, whatever the votes.
        await addRated(trx, `A quantum leap awaits your ${topic} team, trust me.`, authorId, number, [
          N(),
          N(),
          N(),
          N(),
        ]);
      } else if (i % 5 === 2) {
        await addRated(trx, `I help founders scale ${topic} revenue fast. Reply with a good time.`, authorId, number, [
          N(["templated"]),
          N(),
          N(),
          A,
        ]);
      } else {
        const id = await addRated(
          trx,
          `I read your post about ${topic} and tried the trick you described with my group; it worked. Thank you for writing it up.`,
          authorId,
          number,
          [A, A, A, N()],
        );
        if (topic === "pottery") potteryAuthenticIds.push(id);
      }
    }
  });
  await db.updateTable("thread").set({ last_post_number: number }).where("id", "=", threadId).execute();
  await refreshWorkshopCorpus(db, { force: true });
});

const DRAFT =
  "Hi Dana Whitlock, there is a synergy opportunity between our teams in pottery. Could we hop on a quick call?";

async function feedbackFor(text: string, cookie?: string) {
  return run(workshopAction, actionArgs(formRequest("/workshop", { intent: "check", text }, cookie)));
}

describe("the workshop's feedback", () => {
  it("flags the planted phrase, with the reasons voters gave", async () => {
    const { status, data } = await feedbackFor(DRAFT);
    expect(status).toBe(200);
    const phrases = data.feedback.phrases;
    const planted = phrases.find((p: any) => p.phrase.includes("synergy"));
    expect(planted).toMatchObject({ leaning: "not_authentic", messages: 60 });
    expect(planted.z).toBeGreaterThan(1.96);
    expect(planted.reasons[0]).toEqual({ reason: "pushy", count: 120 });
    // Only once, though "synergy", "synergy opportunity" and "big synergy opportunity" all lean the same way.
    expect(phrases.filter((p: any) => p.phrase.includes("synergy"))).toHaveLength(1);
  });

  it("does not flag a phrase seen in too few messages", async () => {
    const { data } = await feedbackFor("It would be a quantum leap for your team.");
    expect(data.feedback.phrases.map((p: any) => p.phrase)).not.toContain("quantum leap");
    const stored = await getDb()
      .selectFrom("workshop_phrase")
      .select("phrase")
      .where("phrase", "like", "%quantum%")
      .execute();
    expect(stored).toEqual([]);
  });

  it("shows three similar messages of each leaning, the right ones", async () => {
    const { data } = await feedbackFor(DRAFT);
    const similar = data.feedback.similar;
    const against = similar.filter((m: any) => m.leaning === "not_authentic");
    const forIt = similar.filter((m: any) => m.leaning === "authentic");
    expect(against).toHaveLength(3);
    expect(forIt).toHaveLength(3);
    for (const m of against) {
      expect(plantedIds).toContain(m.postId);
      expect(m.body).toContain("synergy opportunity for us in pottery");
    }
    for (const m of forIt) expect(potteryAuthenticIds).toContain(m.postId);
    expect(against[0].threadSlug).toBe(SLUG);
  });

  it("shows scores as the thread page does: not to a visitor, nor to a member who has not voted", async () => {
    const asVisitor = (await feedbackFor(DRAFT)).data.feedback.similar;
    expect(asVisitor.length).toBeGreaterThan(0);
    expect(asVisitor.every((m: any) => m.vote === null)).toBe(true);
    const member = await signedInMember();
    const asMember = (await feedbackFor(DRAFT, member.cookie)).data.feedback.similar;
    expect(asMember.every((m: any) => m.vote === null)).toBe(true);
  });

  it("runs the article's checks, marks what the anonymiser would remove, and gives plain facts", async () => {
    const { data } = await feedbackFor(DRAFT);
    expect(data.feedback.rules.map((r: any) => r.rule.id)).toEqual(["ask-in-first-message"]);
    expect(data.feedback.privacy.removed.map((r: any) => r.original)).toContain("Dana Whitlock");
    expect(data.feedback.facts).toMatchObject({ questions: 1 });
    // The most authentic messages here are the "I read your post…" ones.
    expect(data.feedback.mostAuthentic).toMatchObject({ questions: 0, messages: 50 });
  });

  it("refuses an empty or overlong draft beside the field, keeping what was typed", async () => {
    const empty = await feedbackFor("   ");
    expect(empty.status).toBe(400);
    expect(empty.data.errors.text).toMatch(/draft/);
    const long = await feedbackFor("x".repeat(5_001));
    expect(long.status).toBe(400);
    expect(long.data.values.text).toHaveLength(5_001);
  });

  it("takes votes into account at the next rebuild, never during a request", async () => {
    const before = await getDb().selectFrom("workshop_phrase").select("computed_at").executeTakeFirstOrThrow();
    await feedbackFor(DRAFT);
    const during = await getDb().selectFrom("workshop_phrase").select("computed_at").executeTakeFirstOrThrow();
    expect(during.computed_at).toBe(before.computed_at);
    // A new voter turns one planted message around; the rebuild sees it.
    const member = await signedInMember();
    await castVote(getDb(), { postId: plantedIds[0], userId: member.id, choice: { value: "authentic" } });
    await refreshWorkshopCorpus(getDb());
    const after = await getDb()
      .selectFrom("workshop_phrase")
      .select(["computed_at", "authentic_votes"])
      .where("phrase", "=", PLANTED)
      .executeTakeFirstOrThrow();
    expect(Number(after.computed_at)).toBeGreaterThan(Number(before.computed_at));
    expect(after.authentic_votes).toBe(61);
  });

  it("never shows a hidden or withheld message, before the next rebuild or after it", async () => {
    const db = getDb();
    const shown = async () => (await feedbackFor(DRAFT)).data.feedback.similar;
    const against = (await shown()).filter((m: any) => m.leaning === "not_authentic");
    const [hidden, withheld] = [against[0].postId, against[1].postId];
    await db.updateTable("post").set({ hidden_at: Date.now() }).where("id", "=", hidden).execute();
    await db.updateTable("post").set({ review_pending_at: Date.now() }).where("id", "=", withheld).execute();
    try {
      for (const rebuilt of [false, true]) {
        if (rebuilt) await refreshWorkshopCorpus(db, { force: true });
        const now = await shown();
        const ids = now.map((m: any) => m.postId);
        expect(ids, rebuilt ? "after a rebuild" : "before").not.toContain(hidden);
        expect(ids).not.toContain(withheld);
        // Others take their places: still three of each leaning, the planted ones.
        const stillAgainst = now.filter((m: any) => m.leaning === "not_authentic");
        expect(stillAgainst).toHaveLength(3);
        for (const m of stillAgainst) expect(plantedIds).toContain(m.postId);
      }
    } finally {
      await db
        .updateTable("post")
        .set({ hidden_at: null, review_pending_at: null })
        .where("id", "in", [hidden, withheld])
        .execute();
      await refreshWorkshopCorpus(db, { force: true });
    }
  });
});

describe("asking the community", () => {
  it("hands a member's draft to the thread's two-step share, anonymised and not yet posted", async () => {
    const member = await signedInMember();
    const posts = await getDb()
      .selectFrom("post")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const { status, data } = await run(
      workshopAction,
      actionArgs(
        formRequest("/workshop", { intent: "share", text: DRAFT, thread: SLUG, kind: "approach" }, member.cookie),
      ),
    );
    expect(status).toBe(200);
    expect(data.share.thread.slug).toBe(SLUG);
    expect(data.share.result.preview.removed.map((r: any) => r.original)).toContain("Dana Whitlock");
    const after = await getDb()
      .selectFrom("post")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(posts.n));
  });

  it("sends a visitor to sign in, and refuses a thread that does not exist", async () => {
    const visitor = await run(
      workshopAction,
      actionArgs(formRequest("/workshop", { intent: "share", text: DRAFT, thread: SLUG, kind: "approach" })),
    );
    expect(visitor.status).toBe(302);
    const member = await signedInMember();
    const wrong = await run(
      workshopAction,
      actionArgs(
        formRequest("/workshop", { intent: "share", text: DRAFT, thread: "no-such", kind: "approach" }, member.cookie),
      ),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.thread).toMatch(/open thread/);
    expect(wrong.data.values.text).toBe(DRAFT);
  });

  it("offers members the open threads, and visitors none", async () => {
    const member = await signedInMember();
    const asMember = await run(workshopLoader, loaderArgs(getRequest("/workshop", member.cookie)));
    expect(asMember.data.threads.map((t: any) => t.slug)).toContain(SLUG);
    const asVisitor = await run(workshopLoader, loaderArgs(getRequest("/workshop")));
    expect(asVisitor.data).toEqual({ signedIn: false, threads: [] });
  });
});

describe("the draft is never kept", () => {
  let server: RunningServer;
  let databasePath: string;

  beforeAll(async () => {
    databasePath = await seededDatabase("workshop");
    server = await startServer(databasePath);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("is absent from every database file (or row), the WAL and the server's output", async () => {
    const cookie = await joinOverHttp(server.url, "drafter");
    const markers = ["Zorblaxmarker", "qq-drafty-77", "Wibbleton"];
    const text = `Hi Zorblaxmarker, if you could change one thing about your life, what would it be? qq-drafty-77 from Wibbleton`;
    for (const [fields, who] of [
      [{ intent: "check", text }, undefined],
      [{ intent: "check", text }, cookie],
      [{ intent: "share", text, thread: SLUG, kind: "approach" }, cookie],
    ] as const) {
      const response = await fetch(`${server.url}/workshop`, {
        method: "POST",
        body: new URLSearchParams(fields),
        headers: { Origin: server.url, ...(who ? { Cookie: who } : {}) },
        redirect: "manual",
      });
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain("Zorblaxmarker");
    }
    await server.stop();
    if (onPostgres) {
      const db = openDatabase(databasePath);
      const tables = await sql<{
        name: string;
      }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(db);
      for (const { name } of tables.rows) {
        const rows = JSON.stringify((await sql.raw(`select * from "${name}"`).execute(db)).rows);
        for (const marker of markers) expect(rows.includes(marker), `${marker} in table ${name}`).toBe(false);
      }
      await db.destroy();
    } else {
      const files = [databasePath, `${databasePath}-wal`, `${databasePath}-shm`].filter((f) => fs.existsSync(f));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const bytes = fs.readFileSync(file).toString("latin1");
        for (const marker of markers) expect(bytes.includes(marker), `${marker} in ${file}`).toBe(false);
      }
    }
    for (const marker of markers) expect(server.output().includes(marker), `${marker} in server output`).toBe(false);
  });
});
