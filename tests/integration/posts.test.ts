import { CompiledQuery, sql, type LogEvent } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { listThreadPage, threadPageQuery } from "../../app/models/post-view.server";
import { addComment, editComment } from "../../app/models/post.server";
import { listThreads } from "../../app/models/thread.server";
import { action as editAction, loader as editLoader } from "../../app/routes/posts_.$postId.edit";
import { loader as historyLoader } from "../../app/routes/posts_.$postId.history";
import { action as threadAction, loader as threadLoader } from "../../app/routes/threads.$slug";
import { loader as memberLoader } from "../../app/routes/u.$username";
import { databaseLocation, openDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";
import { onPostgres } from "../setup/test-database";

const SLUG = "beyond-the-basics";
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
});

function postComment(cookie: string, body: string, extra: Record<string, string> = {}, slug = SLUG) {
  return run(
    threadAction,
    actionArgs(formRequest(`/threads/${slug}`, { intent: "comment", body, ...extra }, cookie), { slug }),
  );
}

async function lastPost() {
  return getDb()
    .selectFrom("post")
    .selectAll()
    .where("thread_id", "=", threadId)
    .orderBy("number", "desc")
    .executeTakeFirstOrThrow();
}

describe("posting a comment", () => {
  it("stores the Markdown and its sanitised HTML, numbers it, and counts it on the thread", async () => {
    const alice = await signedInMember();
    const before = await getDb().selectFrom("thread").selectAll().where("id", "=", threadId).executeTakeFirstOrThrow();
    const result = await postComment(
      alice.cookie,
      "I ask about **their** work.\n\n- one\n- two\n\n> a quote\n\n[link](https://example.org)<script>alert(1)</script>",
    );
    expect(result.status).toBe(302);
    const post = await lastPost();
    expect(result.headers.get("Location")).toBe(`/threads/${SLUG}?page=1#post-${post.number}`);
    expect(post.number).toBe(before.last_post_number + 1);
    expect(post.body_html).toContain("<strong>their</strong>");
    expect(post.body_html).toContain("<li>one</li>");
    expect(post.body_html).toContain("<blockquote>");
    expect(post.body_html).toContain('rel="nofollow ugc noopener"');
    expect(post.body_html).not.toContain("<script");
    const after = await getDb().selectFrom("thread").selectAll().where("id", "=", threadId).executeTakeFirstOrThrow();
    expect(after.post_count).toBe(before.post_count + 1);
    expect(after.last_activity_at).toBeGreaterThan(0);
  });

  it.each([
    ["", /Write something first/],
    ["   \n  ", /Write something first/],
    ["x".repeat(10_001), /at most 10,000/],
  ])("refuses %j with a message beside the field, keeping the text", async (body, message) => {
    const alice = await signedInMember();
    const result = await postComment(alice.cookie, body);
    expect(result.status).toBe(400);
    expect(result.data.errors.body).toMatch(message);
    expect(result.data.values.body).toBe(body);
  });

  it("sends a visitor to sign in and back, and writes nothing", async () => {
    const before = await getDb()
      .selectFrom("post")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const result = await run(
      threadAction,
      actionArgs(formRequest(`/threads/${SLUG}`, { intent: "comment", body: "hi" }), { slug: SLUG }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe(`/login?redirectTo=%2Fthreads%2F${SLUG}`);
    const after = await getDb()
      .selectFrom("post")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("refuses posts in a locked thread", async () => {
    const alice = await signedInMember();
    await getDb().updateTable("thread").set({ locked_at: Date.now() }).where("slug", "=", "following-up").execute();
    const result = await postComment(alice.cookie, "Can I still post?", {}, "following-up");
    expect(result.status).toBe(403);
    expect(result.data.errors.form).toMatch(/locked/);
    expect(result.data.values.body).toBe("Can I still post?");
    await getDb().updateTable("thread").set({ locked_at: null }).where("slug", "=", "following-up").execute();
  });

  it("previews without posting", async () => {
    const alice = await signedInMember();
    const count = (await lastPost()).number;
    const result = await run(
      threadAction,
      actionArgs(formRequest(`/threads/${SLUG}`, { intent: "preview", body: "*soft* opener" }, alice.cookie), {
        slug: SLUG,
      }),
    );
    expect(result.data.preview).toBe("<p><em>soft</em> opener</p>\n");
    expect((await lastPost()).number).toBe(count);
  });

  it("refuses an unknown intent with 400", async () => {
    const alice = await signedInMember();
    const result = await run(
      threadAction,
      actionArgs(formRequest(`/threads/${SLUG}`, { intent: "explode" }, alice.cookie), { slug: SLUG }),
    );
    expect(result.status).toBe(400);
  });
});

describe("replies", () => {
  it("link a comment to the post it answers and count replies on that post", async () => {
    const alice = await signedInMember();
    const bob = await signedInMember();
    await postComment(alice.cookie, "What do you ask first?");
    const question = await lastPost();
    await postComment(bob.cookie, "Something about their last project.", { replyTo: String(question.id) });
    const answer = await lastPost();
    expect(answer.reply_to_id).toBe(question.id);
    const page = await listThreadPage(getDb(), { threadId, page: 1, viewer: null });
    expect(page.find((p) => p.id === answer.id)?.replyTo).toEqual({ number: question.number, author: alice.username });
    expect(page.find((p) => p.id === question.id)?.replyCount).toBe(1);
    // Deleting the answer takes it out of the count.
    await run(
      threadAction,
      actionArgs(
        formRequest(`/threads/${SLUG}`, { intent: "delete", postId: String(answer.id), confirmed: "yes" }, bob.cookie),
        {
          slug: SLUG,
        },
      ),
    );
    const again = await listThreadPage(getDb(), { threadId, page: 1, viewer: null });
    expect(again.find((p) => p.id === question.id)?.replyCount).toBe(0);
  });
});

describe("editing and deleting", () => {
  it("keeps every earlier version and shows them in the history", async () => {
    const alice = await signedInMember();
    await postComment(alice.cookie, "First words");
    const post = await lastPost();
    const save = (body: string) =>
      run(
        editAction,
        actionArgs(formRequest(`/posts/${post.id}/edit`, { intent: "save", body }, alice.cookie), {
          postId: String(post.id),
        }),
      );
    expect((await save("Second words")).status).toBe(302);
    expect((await save("Third **words**")).status).toBe(302);
    const edited = await lastPost();
    expect(edited.body).toBe("Third **words**");
    expect(edited.revision_count).toBe(2);
    expect(edited.edited_at).not.toBeNull();
    const history = await run(
      historyLoader,
      loaderArgs(getRequest(`/posts/${post.id}/history`), { postId: String(post.id) }),
    );
    expect(history.data.post.bodyHtml).toContain("<strong>words</strong>");
    // Each version after the first comes as its word changes from the one before: its own text is what was not
    // removed. The original is shown whole (its HTML).
    const textOf = (parts: { kind: string; text: string }[]) =>
      parts
        .filter((p) => p.kind !== "removed")
        .map((p) => p.text)
        .join("");
    const [first, second] = history.data.revisions;
    expect([first.changes, first.editor]).toEqual([null, alice.username]);
    expect(first.body_html).toContain("First words");
    expect([textOf(second.changes), second.editor]).toEqual(["Second words", alice.username]);
    expect(textOf(history.data.currentChanges)).toBe("Third **words**");
  });

  it("refuses another member's forged edit with 403 and changes nothing", async () => {
    const alice = await signedInMember();
    const mallory = await signedInMember();
    await postComment(alice.cookie, "Alice's own words");
    const post = await lastPost();
    const forged = await run(
      editAction,
      actionArgs(formRequest(`/posts/${post.id}/edit`, { intent: "save", body: "Mallory was here" }, mallory.cookie), {
        postId: String(post.id),
      }),
    );
    expect(forged.status).toBe(403);
    const page = await run(
      editLoader,
      loaderArgs(getRequest(`/posts/${post.id}/edit`, mallory.cookie), { postId: String(post.id) }),
    );
    expect(page.status).toBe(403);
    // The model checks ownership in its WHERE clause too, whatever a route forgets.
    expect(await editComment(getDb(), { postId: post.id, editorId: mallory.id, body: "Mallory again" })).toBe(false);
    const unchanged = await lastPost();
    expect(unchanged.body).toBe("Alice's own words");
    expect(unchanged.revision_count).toBe(0);
  });

  it("refuses another member's forged delete with 403", async () => {
    const alice = await signedInMember();
    const mallory = await signedInMember();
    await postComment(alice.cookie, "Still here");
    const post = await lastPost();
    const forged = await run(
      threadAction,
      actionArgs(
        formRequest(
          `/threads/${SLUG}`,
          { intent: "delete", postId: String(post.id), confirmed: "yes" },
          mallory.cookie,
        ),
        {
          slug: SLUG,
        },
      ),
    );
    expect(forged.status).toBe(403);
    expect((await lastPost()).deleted_at).toBeNull();
  });

  it("tells each intent's bad input apart: a comment's beside its field, a delete's and an unknown intent's as 400", async () => {
    const alice = await signedInMember();
    const post = (intent: string, fields: Record<string, string>) =>
      run(
        threadAction,
        actionArgs(formRequest(`/threads/${SLUG}`, { intent, ...fields }, alice.cookie), { slug: SLUG }),
      );
    const empty = await post("comment", { body: "   ", replyTo: "" });
    expect(empty.status).toBe(400);
    expect(empty.data).toMatchObject({ intent: "comment", preview: null, values: { body: "   " } });
    expect(empty.data.errors.body).toBeTruthy();
    const preview = await post("preview", { body: "**bold**", replyTo: "" });
    expect(preview.data).toMatchObject({ intent: "preview", errors: {}, values: { body: "**bold**", replyTo: "" } });
    expect(preview.data.preview).toContain("<strong>bold</strong>");
    expect((await post("delete", { postId: "not-a-number" })).status).toBe(400);
    expect((await post("delete", {})).status).toBe(400);
    expect((await post("sing", { body: "la" })).status).toBe(400);
    expect((await post("", {})).status).toBe(400);
  });

  it("deletes the author's words and history but keeps the post's place", async () => {
    const alice = await signedInMember();
    await postComment(alice.cookie, "Regrettable words");
    const post = await lastPost();
    await editComment(getDb(), { postId: post.id, editorId: alice.id, body: "Still regrettable" });
    const countBefore = (
      await getDb().selectFrom("thread").select("post_count").where("id", "=", threadId).executeTakeFirstOrThrow()
    ).post_count;
    // Without JavaScript no confirm() ran: the first press only asks, beside the post.
    const asked = await run(
      threadAction,
      actionArgs(formRequest(`/threads/${SLUG}`, { intent: "delete", postId: String(post.id) }, alice.cookie), {
        slug: SLUG,
      }),
    );
    expect(asked.data).toMatchObject({ intent: "confirm-delete", postId: post.id });
    expect((await lastPost()).deleted_at).toBeNull();
    const result = await run(
      threadAction,
      actionArgs(
        formRequest(`/threads/${SLUG}`, { intent: "delete", postId: String(post.id), confirmed: "yes" }, alice.cookie),
        { slug: SLUG },
      ),
    );
    expect(result.status).toBe(302);
    const deleted = await lastPost();
    expect(deleted.deleted_at).not.toBeNull();
    expect(deleted.body).toBe("");
    expect(await getDb().selectFrom("post_revision").where("post_id", "=", post.id).selectAll().execute()).toEqual([]);
    const view = (await listThreadPage(getDb(), { threadId, page: 1, viewer: null })).find((p) => p.id === post.id);
    expect(view).toMatchObject({ state: "deleted", bodyHtml: null, number: post.number });
    const countAfter = (
      await getDb().selectFrom("thread").select("post_count").where("id", "=", threadId).executeTakeFirstOrThrow()
    ).post_count;
    expect(countAfter).toBe(countBefore - 1);
  });
});

describe("the thread page", () => {
  it("lists the page's posts and offers the comment form only to members", async () => {
    const alice = await signedInMember();
    const visitor = await run(threadLoader, loaderArgs(getRequest(`/threads/${SLUG}`), { slug: SLUG }));
    expect(visitor.data.signedIn).toBe(false);
    const member = await run(threadLoader, loaderArgs(getRequest(`/threads/${SLUG}`, alice.cookie), { slug: SLUG }));
    expect(member.data.signedIn).toBe(true);
    expect(member.data.posts.length).toBeGreaterThan(0);
  });

  it.each(["0", "-1", "abc", "999"])("answers ?page=%s with 404", async (page) => {
    const result = await run(threadLoader, loaderArgs(getRequest(`/threads/${SLUG}?page=${page}`), { slug: SLUG }));
    expect(result.status).toBe(404);
  });
});

describe("the thread list", () => {
  it("orders threads by last activity, prompts without posts last in seed order", async () => {
    const threads = await listThreads(getDb());
    const active = threads.filter((t) => t.last_activity_at !== null);
    const quiet = threads.filter((t) => t.last_activity_at === null);
    expect(threads).toEqual([...active, ...quiet]);
    expect(active[0].slug).toBe(SLUG);
    expect(quiet.map((t) => t.id)).toEqual([...quiet.map((t) => t.id)].sort((a, b) => a - b));
    const alice = await signedInMember();
    await postComment(alice.cookie, "Reviving this one", {}, "accepted-then-silence");
    expect((await listThreads(getDb()))[0].slug).toBe("accepted-then-silence");
  });
});

describe("a member's page", () => {
  it("lists their posts newest first, paged by keyset", async () => {
    const carol = await signedInMember();
    for (let i = 1; i <= 35; i++) await addComment(getDb(), { threadId, authorId: carol.id, body: `post ${i}` });
    const first = await run(memberLoader, loaderArgs(getRequest(`/u/${carol.username}`), { username: carol.username }));
    expect(first.data.posts).toHaveLength(30);
    expect(first.data.posts[0].bodyHtml).toContain("post 35");
    const second = await run(
      memberLoader,
      loaderArgs(getRequest(`/u/${carol.username}${first.data.nextHref}`), { username: carol.username }),
    );
    expect(second.data.posts.map((p: { bodyHtml: string }) => p.bodyHtml.replace(/<[^>]+>|\n/g, ""))).toEqual([
      "post 5",
      "post 4",
      "post 3",
      "post 2",
      "post 1",
    ]);
    expect(first.data.nextHref).toMatch(/^\?before=\d+$/);
    expect(second.data.nextHref).toBeNull();
    expect(
      (await run(memberLoader, loaderArgs(getRequest("/u/nobody-at-all"), { username: "nobody-at-all" }))).status,
    ).toBe(404);
  });
});

describe("paging a long thread", () => {
  let longThreadId: number;

  beforeAll(async () => {
    // A thread of 10,000 posts, written directly for speed.
    const author = await signedInMember();
    const now = Date.now();
    const { id } = await getDb()
      .insertInto("thread")
      .values({
        slug: "long",
        title: "Long",
        prompt: "p",
        context_md: "",
        context_html: "",
        created_at: now,
        updated_at: now,
        last_post_number: 10_000,
        post_count: 10_000,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    longThreadId = id;
    await getDb()
      .transaction()
      .execute(async (trx) => {
        for (let n = 1; n <= 10_000; n += 500) {
          const rows = Array.from({ length: 500 }, (_, i) => ({
            thread_id: id,
            number: n + i,
            author_id: author.id,
            kind: "comment" as const,
            body: "b",
            body_html: "<p>b</p>",
            created_at: now,
          }));
          await trx.insertInto("post").values(rows).execute();
        }
      });
  });

  it("reads page 1 and page 200 with one query each, the same indexed range search", async () => {
    const queries: string[] = [];
    const db = openDatabase(databaseLocation(), {
      log: (event: LogEvent) => void queries.push(event.query.sql),
    });
    const first = await listThreadPage(db, { threadId: longThreadId, page: 1, viewer: null });
    const firstQueries = queries.splice(0);
    const last = await listThreadPage(db, { threadId: longThreadId, page: 200, viewer: null });
    expect(firstQueries).toHaveLength(1);
    expect(queries).toEqual(firstQueries); // the same single statement, only its parameters differ
    expect(first.map((p) => p.number)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(last.map((p) => p.number)).toEqual(Array.from({ length: 50 }, (_, i) => 9_951 + i));

    if (onPostgres) {
      // PostgreSQL's planner, with statistics: the page's posts by an index scan of (thread_id, number), never
      // a scan of the whole post table. (It may sort the fifty rows after its joins; that is cheap.)
      await sql`analyze`.execute(db);
      for (const page of [1, 200]) {
        const compiled = threadPageQuery(db, { threadId: longThreadId, page }).compile();
        const plan = await db.executeQuery<{ "QUERY PLAN": string }>(
          CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
        );
        const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
        expect(text).toMatch(/Index Scan using post_thread_number on post\s+\(cost/);
        expect(text).not.toMatch(/Seq Scan on post\s+\(cost/);
      }
      return db.destroy();
    }
    const plans: string[][] = [];
    for (const page of [1, 200]) {
      const compiled = threadPageQuery(db, { threadId: longThreadId, page }).compile();
      const plan = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
      );
      plans.push(plan.rows.map((r) => r.detail));
    }
    await db.destroy();
    expect(plans[0]).toEqual(plans[1]);
    // Posts are found by a range search of the (thread_id, number) index: no scan, no sort, no OFFSET.
    expect(plans[0].join("\n")).toMatch(/SEARCH post USING INDEX \S+ \(thread_id=\? AND number>\? AND number<\?\)/);
    expect(plans[0].join("\n")).not.toMatch(/SCAN post|TEMP B-TREE/);
  });
});
