/**
 * Issue 17: the home page shows each thread's life (example-message count, the best readable example's
 * opening words, who posted last), and a Reply starts with a quote of what readers can see. Through the
 * loaders and models, on the migrated database (SQLite, and PostgreSQL with TEST_DATABASE_URL).
 */
import { CompiledQuery, sql, type LogEvent } from "kysely";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { flagPost } from "../../app/models/flag.server";
import { decideOnPost } from "../../app/models/moderation.server";
import { addComment, addExampleMessage, deletePost, editComment } from "../../app/models/post.server";
import { listThreadLife } from "../../app/models/thread-life.server";
import { deleteAccount } from "../../app/models/user.server";
import { castVote } from "../../app/models/vote.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as quoteLoader } from "../../app/routes/posts_.$postId.quote";
import { loader as threadLoader } from "../../app/routes/threads.$slug";
import { cachedPage, PageCache, pageTag, registerPageCache } from "../../app/utils/page-cache.server";
import { databaseLocation, openDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { getRequest, loaderArgs, run, signedInMember } from "../setup/requests";
import { onPostgres } from "../setup/test-database";

const SLUG = "accepted-then-silence"; // seeded without posts
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
});

async function example(authorId: number, text: string, kind: "approach" | "received_reply" = "approach") {
  return addExampleMessage(getDb(), {
    threadId,
    authorId,
    kind,
    draft: { text, contextLine: "", remove: [], keep: [] },
  });
}

async function homeThread(cookie?: string) {
  const result = await run(homeLoader, loaderArgs(getRequest("/", cookie)));
  expect(result.status).toBe(200);
  return result.data.threads.find((t: { slug: string }) => t.slug === SLUG);
}

async function vote(postId: number, value: "authentic" | "not_authentic") {
  const voter = await signedInMember();
  const choice = value === "authentic" ? { value } : { value, reasons: [] };
  expect((await castVote(getDb(), { postId, userId: voter.id, choice })).ok).toBe(true);
}

describe("the thread list shows each thread's life", () => {
  it("counts example messages, quotes the most authentic readable one, and names who posted last", async () => {
    const before = await homeThread();
    expect(before.example_count).toBe(0);
    expect(before.life).toEqual({ best: null, lastPoster: null });

    const alice = await signedInMember();
    const bob = await signedInMember();
    const moderator = await signedInMember("moderator");
    const plain = await example(alice.id, "Hello, I enjoyed your talk on bridges and wondered how you started.");
    const liked = await example(
      bob.id,
      "Thanks for the note. Happy to talk next week if that suits you.",
      "received_reply",
    );
    const hidden = await example(alice.id, "A hidden message that voters loved most of all.");
    const withheld = await example(bob.id, "A withheld message that voters also loved.");
    await vote(plain.id, "not_authentic");
    await vote(liked.id, "authentic");
    for (let i = 0; i < 3; i++) {
      await vote(hidden.id, "authentic");
      await vote(withheld.id, "authentic");
    }
    await vote(hidden.id, "authentic");
    // Before anything is hidden, the best is the most voted one.
    expect((await homeThread()).life.best.number).toBe(hidden.number);

    await decideOnPost(getDb(), "hide", { postId: hidden.id, moderatorId: moderator.id, reason: "Off topic" });
    const flagger = await signedInMember();
    await getDb().updateTable("user").set({ created_at: 0 }).where("id", "=", flagger.id).execute(); // trusted
    const flagged = await flagPost(getDb(), {
      postId: withheld.id,
      userId: flagger.id,
      reason: "not_anonymised",
      note: null,
      identifyingWords: "withheld",
    });
    expect(flagged).toBe("withheld");

    for (const cookie of [undefined, alice.cookie]) {
      const thread = await homeThread(cookie);
      // Not deleted: hidden and withheld ones still count, as they do in "N posts" (their cards stay on the page).
      expect(thread.example_count).toBe(4);
      expect(thread.life.best).toEqual({
        number: liked.number,
        words: "Thanks for the note. Happy to talk next week if that suits you.",
        voted: true,
      });
      // The last readable post: the withheld one (posted last) and the hidden one do not count.
      expect(thread.life.lastPoster).toEqual({ name: bob.username });
    }

    // A comment is a post too: its author is the last poster; comments are not example messages.
    await addComment(getDb(), { threadId, authorId: alice.id, body: "I agree with the reply above." });
    const afterComment = await homeThread();
    expect(afterComment.example_count).toBe(4);
    expect(afterComment.life.lastPoster).toEqual({ name: alice.username });

    // A deleted account is "a former member" (null name); deleting an example takes it out of the count.
    await deleteAccount(getDb(), { userId: alice.id });
    expect((await homeThread()).life.lastPoster).toEqual({ name: null });
    expect(await deletePost(getDb(), { postId: liked.id, authorId: bob.id })).toBe(true);
    const afterDelete = await homeThread();
    expect(afterDelete.example_count).toBe(3);
    // With the only voted readable example gone, the opening words are the newest readable example's.
    expect(afterDelete.life.best).toMatchObject({ number: plain.number, voted: false });
  });

  it("sends opening words, never a whole long message", async () => {
    const carol = await signedInMember();
    const long = `${"Opening words of a long message ".repeat(20)}END-OF-MESSAGE`;
    const post = await example(carol.id, long);
    for (let i = 0; i < 5; i++) await vote(post.id, "authentic");
    const best = (await homeThread()).life.best;
    expect(best.number).toBe(post.number);
    expect(best.words.length).toBeLessThanOrEqual(140);
    expect(best.words.endsWith("…")).toBe(true);
    expect(JSON.stringify(await homeThread())).not.toContain("END-OF-MESSAGE");
  });
});

describe("the cached home page", () => {
  const cache = new PageCache();
  const cachedHome = () => cache.get("/");
  // A page is kept only if no write dropped anything since its render began: "began" is now.
  const cacheHome = () =>
    cache.set("/", cachedPage(Buffer.from("old"), "text/html", {}, [pageTag.threadList]), cache.generation);
  beforeAll(() => registerPageCache(cache));
  beforeEach(() => cacheHome());

  it("is dropped by a hide, a restore, a withholding flag and an edit; not by a vote (it may lag votes)", async () => {
    const dana = await signedInMember();
    const moderator = await signedInMember("moderator");
    const post = await example(dana.id, "A message whose fate changes the list.");
    expect(cachedHome(), "a new post drops it").toBeUndefined();

    cacheHome();
    await vote(post.id, "authentic");
    expect(cachedHome(), "a vote leaves it (scripts/bench/probes.ts)").toBeDefined();

    await decideOnPost(getDb(), "hide", { postId: post.id, moderatorId: moderator.id, reason: "Checking" });
    expect(cachedHome(), "hide").toBeUndefined();
    cacheHome();
    await decideOnPost(getDb(), "restore", { postId: post.id, moderatorId: moderator.id, reason: "Fine" });
    expect(cachedHome(), "restore").toBeUndefined();

    cacheHome();
    const comment = await addComment(getDb(), { threadId, authorId: dana.id, body: "First words." });
    cacheHome();
    expect(await editComment(getDb(), { postId: comment.id, editorId: dana.id, body: "Other words." })).toBe(true);
    expect(cachedHome(), "edit").toBeUndefined();

    cacheHome();
    const flagger = await signedInMember();
    await getDb().updateTable("user").set({ created_at: 0 }).where("id", "=", flagger.id).execute();
    await flagPost(getDb(), {
      postId: post.id,
      userId: flagger.id,
      reason: "not_anonymised",
      note: null,
      identifyingWords: "fate",
    });
    expect(cachedHome(), "withholding flag").toBeUndefined();
  });
});

describe("a reply's quote", () => {
  async function replyPage(number: number, cookie: string) {
    const result = await run(
      threadLoader,
      loaderArgs(getRequest(`/threads/${SLUG}?reply=${number}`, cookie), { slug: SLUG }),
    );
    expect(result.status).toBe(200);
    return result.data.replyTo;
  }

  it("starts the composer with a comment's Markdown source: its first paragraph, capped, and a link back", async () => {
    const erin = await signedInMember();
    const frank = await signedInMember();
    const body = `I ask about **their** work, then [read](https://example.org) it.\nSame paragraph.\n\nSecond paragraph, not quoted.`;
    const post = await addComment(getDb(), { threadId, authorId: erin.id, body });
    const replyTo = await replyPage(post.number, frank.cookie);
    expect(replyTo).toEqual({
      id: post.id,
      number: post.number,
      quote:
        `> I ask about **their** work, then [read](https://example.org) it.\n> Same paragraph.\n\n` +
        `[#${post.number}](/threads/${SLUG}?page=1#post-${post.number})\n\n`,
    });

    const long = await addComment(getDb(), { threadId, authorId: erin.id, body: "word ".repeat(200) });
    const quote: string = (await replyPage(long.number, frank.cookie)).quote;
    const quoted = quote.split("\n\n")[0];
    expect(quoted.length).toBeLessThanOrEqual(302); // "> " and at most 300 characters
    expect(quoted.endsWith("…")).toBe(true);

    // The same quote, as JSON, for Reply with JavaScript; members only.
    const json = await quoteLoader(
      loaderArgs(getRequest(`/posts/${post.id}/quote`, frank.cookie), { postId: String(post.id) }),
    );
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ id: post.id, number: post.number, quote: replyTo.quote });
    const visitor = await run(
      quoteLoader,
      loaderArgs(getRequest(`/posts/${post.id}/quote`), { postId: String(post.id) }),
    );
    expect(visitor.status).toBe(302);

    // A reference past a 32-bit integer names nothing, on both engines (PostgreSQL would refuse the query).
    for (const huge of ["3000000000", "1e3", "-1", "abc"]) {
      expect(await replyPage(huge as unknown as number, frank.cookie)).toBeNull();
      const none = await quoteLoader(loaderArgs(getRequest(`/posts/${huge}/quote`, frank.cookie), { postId: huge }));
      expect(none.status, huge).toBe(404);
    }
  });

  it("quotes no words of an example message (the reply links to it): its words must stay removable", async () => {
    const gina = await signedInMember();
    const post = await example(
      gina.id,
      "Hi, Margaret Thornbury told me to write to margaret@acme.example about the role.",
    );
    const stored = await getDb().selectFrom("post").select("body").where("id", "=", post.id).executeTakeFirstOrThrow();
    const quote: string = (await replyPage(post.number, (await signedInMember()).cookie)).quote;
    expect(stored.body).toContain("told me to write");
    expect(quote).toBe(""); // the reply's "In reply to #N" links to it
    expect(quote).not.toContain("told me to write");
    expect(quote).not.toContain("margaret@acme.example");
    expect(quote).not.toContain("Thornbury");
  });

  it("never quotes a post readers cannot see: hidden, withheld or deleted", async () => {
    const hana = await signedInMember();
    const reader = await signedInMember();
    const moderator = await signedInMember("moderator");
    const hidden = await addComment(getDb(), { threadId, authorId: hana.id, body: "Words a moderator hid." });
    await decideOnPost(getDb(), "hide", { postId: hidden.id, moderatorId: moderator.id, reason: "Rude" });
    const withheld = await example(hana.id, "Words withheld for review.");
    await getDb().updateTable("post").set({ review_pending_at: Date.now() }).where("id", "=", withheld.id).execute();

    for (const post of [hidden, withheld]) {
      // Still a reply to it (reply_to), but nothing of its words; not for its author or a moderator either.
      for (const cookie of [reader.cookie, hana.cookie, moderator.cookie])
        expect(await replyPage(post.number, cookie)).toEqual({ id: post.id, number: post.number, quote: null });
      const json = await quoteLoader(
        loaderArgs(getRequest(`/posts/${post.id}/quote`, reader.cookie), { postId: String(post.id) }),
      );
      expect(json.status).toBe(404);
      expect(JSON.stringify(await json.json())).not.toContain("Words");
    }
    const gone = await addComment(getDb(), { threadId, authorId: hana.id, body: "Soon deleted." });
    await deletePost(getDb(), { postId: gone.id, authorId: hana.id });
    expect(await replyPage(gone.number, reader.cookie)).toBeNull();
  });
});

describe("the cost of the thread list's life", () => {
  beforeAll(async () => {
    // Many threads, one of them long (written directly for speed): the query count must not grow with either.
    const author = await signedInMember();
    const now = Date.now();
    for (let t = 0; t < 30; t++) {
      const posts = t === 0 ? 4_000 : 3;
      const { id } = await getDb()
        .insertInto("thread")
        .values({
          slug: `life-cost-${t}`,
          title: "Cost",
          prompt: "p",
          context_md: "",
          context_html: "",
          created_at: now,
          updated_at: now,
          last_post_number: posts,
          post_count: posts,
          last_activity_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (let n = 1; n <= posts; n += 500) {
        const rows = Array.from({ length: Math.min(500, posts - n + 1) }, (_, i) => ({
          thread_id: id,
          number: n + i,
          author_id: author.id,
          kind: (["comment", "approach", "received_reply"] as const)[(n + i) % 3],
          body: `words ${n + i}`,
          body_html: `<p>words ${n + i}</p>`,
          created_at: now,
          authenticity_rank: ((n + i) % 97) / 100,
          // Every post after the first hundred is hidden: the walk must skip them and still find the best.
          hidden_at: n + i > 100 ? now : null,
        }));
        await getDb().insertInto("post").values(rows).execute();
      }
    }
  });

  it("is two queries for any number of threads, and PostgreSQL reads posts through an index", async () => {
    const queries: CompiledQuery[] = [];
    const db = openDatabase(databaseLocation(), { log: (event: LogEvent) => void queries.push(event.query) });
    try {
      const life = await listThreadLife(db);
      const lifeQueries = queries.splice(0);
      expect(lifeQueries).toHaveLength(2);
      const long = (
        await db.selectFrom("thread").select("id").where("slug", "=", "life-cost-0").executeTakeFirstOrThrow()
      ).id;
      // Ranks are (n % 97) / 100: among posts 1–100 the readable best is number 96 (rank 0.96; 96 % 3 = 0 is a
      // comment), so number 95 (an approach, rank 0.95).
      expect(life.get(long)?.best).toMatchObject({ number: 95, words: "words 95" });
      if (!onPostgres) return; // SQLite's plans: tests/integration/query-plans.test.ts
      await sql`analyze`.execute(db);
      for (const query of lifeQueries) {
        const plan = await db.executeQuery<{ "QUERY PLAN": string }>(
          CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
        );
        const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
        expect(text, text).not.toMatch(/Seq Scan on post\b/);
        expect(text, text).toMatch(/Index (Only )?Scan (Backward )?using \w+ on post\b/);
      }
    } finally {
      await db.destroy();
    }
  });
});
