/**
 * Outcomes of approaches (issue 19): recorded, changed and cleared by their author only, shown on the
 * approach and in the thread's pairs, in the data export, gone with the account; and /insights' small-cell
 * rule: a group of four messages is hidden, five is shown.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { addExampleMessage } from "../../app/models/post.server";
import { deleteAccount, exportMemberData } from "../../app/models/user.server";
import { loader as insightsLoader } from "../../app/routes/insights";
import { action as outcomeAction, loader as outcomeLoader } from "../../app/routes/posts_.$postId.outcome";
import { loader as threadLoader } from "../../app/routes/threads.$slug";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";

let slug: string;
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  // A thread of its own, so other tests' outcomes never reach its counts.
  const thread = await getDb()
    .insertInto("thread")
    .values({
      slug: "outcomes-test",
      title: "Outcomes test",
      prompt: "What came of it?",
      context_md: "",
      context_html: "",
      seed_key: null,
      created_by: null,
      created_at: Date.now(),
      updated_at: Date.now(),
      locked_at: null,
      last_activity_at: null,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();
  slug = thread.slug;
  threadId = thread.id;
});

async function approachBy(authorId: number, text = "Would you have ten minutes for a coffee next week?") {
  return addExampleMessage(getDb(), {
    threadId,
    authorId,
    kind: "approach",
    draft: { text, contextLine: "", remove: [], keep: [] },
  });
}

function record(cookie: string, postId: number, fields: Record<string, string>) {
  return run(
    outcomeAction,
    actionArgs(formRequest(`/posts/${postId}/outcome`, { intent: "record", followUp: "0", ...fields }, cookie), {
      postId: String(postId),
    }),
  );
}

const today = () => new Date().toISOString().slice(0, 10);

async function threadRow() {
  const insights = (await run(insightsLoader, {} as never)).data;
  return insights.byThread.find((row: { slug: string }) => row.slug === slug);
}

describe("outcomes", () => {
  it("are recorded, changed and cleared by the approach's author only, and shown on it", async () => {
    const author = await signedInMember();
    const post = await approachBy(author.id);
    const stranger = await signedInMember();
    expect((await record(stranger.cookie, post.id, { status: "replied", happened: today() })).status).toBe(404);
    expect(
      (
        await run(
          outcomeLoader,
          loaderArgs(getRequest(`/posts/${post.id}/outcome`, stranger.cookie), { postId: String(post.id) }),
        )
      ).status,
    ).toBe(404);

    // Bad input: a message beside the field, what was chosen kept, nothing stored.
    const bad = await record(author.cookie, post.id, { status: "replied", happened: "2999-01-01" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.happened).toMatch(/future/);
    expect(bad.data.values.status).toBe("replied");
    expect(await getDb().selectFrom("outcome").selectAll().where("post_id", "=", post.id).execute()).toEqual([]);

    // Private until set: nothing on the approach for readers.
    const before = (await run(threadLoader, loaderArgs(getRequest(`/threads/${slug}`), { slug }))).data;
    expect(before.outcomes[post.id]).toBeUndefined();
    const own = (await run(threadLoader, loaderArgs(getRequest(`/threads/${slug}`, author.cookie), { slug }))).data;
    expect(own.outcomes[post.id]).toMatchObject({ outcome: null, isAuthor: true });

    const saved = await record(author.cookie, post.id, { status: "replied", happened: today() });
    expect(saved.status).toBe(302);
    const shown = (await run(threadLoader, loaderArgs(getRequest(`/threads/${slug}`), { slug }))).data;
    expect(shown.outcomes[post.id]).toMatchObject({ outcome: { status: "replied" }, isAuthor: false });

    await record(author.cookie, post.id, { status: "conversation", happened: today(), followUp: "2" });
    const changed = await getDb()
      .selectFrom("outcome")
      .selectAll()
      .where("post_id", "=", post.id)
      .executeTakeFirstOrThrow();
    expect(changed).toMatchObject({ status: "conversation", follow_up: 2 });

    const cleared = await run(
      outcomeAction,
      actionArgs(formRequest(`/posts/${post.id}/outcome`, { intent: "clear" }, author.cookie), {
        postId: String(post.id),
      }),
    );
    expect(cleared.status).toBe(302);
    expect(await getDb().selectFrom("outcome").selectAll().where("post_id", "=", post.id).execute()).toEqual([]);
  });

  it("are in the member's data export, and go with their account", async () => {
    const author = await signedInMember();
    const post = await approachBy(author.id);
    await record(author.cookie, post.id, { status: "met", happened: today(), followUp: "1" });
    const exported = await exportMemberData(getDb(), author.id);
    expect(exported.outcomes).toEqual([
      expect.objectContaining({ thread: slug, outcome: "met", followUp: 1, happened: today() }),
    ]);
    await deleteAccount(getDb(), { userId: author.id });
    expect(await getDb().selectFrom("outcome").selectAll().where("post_id", "=", post.id).execute()).toEqual([]);
    const cells = await getDb()
      .selectFrom("insight_contribution")
      .select("cells")
      .where("post_id", "=", post.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(cells.cells)).toHaveLength(1); // still an example message that week; no outcome counted
  });

  it("pair a received reply with the approach it answers in ?view=pairs", async () => {
    const author = await signedInMember();
    const approach = await approachBy(author.id, "Loved your talk on onboarding. What would you change now?");
    const reply = await addExampleMessage(getDb(), {
      threadId,
      authorId: author.id,
      kind: "received_reply",
      approachId: approach.id,
      draft: { text: "Thanks! I would start with the manager.", contextLine: "", remove: [], keep: [] },
    });
    await record(author.cookie, approach.id, { status: "replied", happened: today() });
    const page = (await run(threadLoader, loaderArgs(getRequest(`/threads/${slug}?view=pairs`), { slug }))).data;
    expect(page.pairs).toBe(true);
    const ids = page.posts.map((p: { id: number }) => p.id);
    expect(ids.indexOf(reply.id)).toBe(ids.indexOf(approach.id) + 1);
    // The outcome comes after the pair: under its reply.
    expect(page.outcomes[reply.id]).toMatchObject({ postId: approach.id, outcome: { status: "replied" } });
    expect(page.posts.find((p: { id: number }) => p.id === approach.id).votes).not.toBeNull();
  });

  it("shows a group of five messages on /insights and hides a group of four", async () => {
    const start = await threadRow();
    const settled = start.rate?.messages ?? 0;
    // Bring the thread's settled outcomes to exactly four.
    const need = 4 - (await loadInsightsCount());
    expect(need).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < need; i++) {
      const member = await signedInMember();
      const post = await approachBy(member.id);
      await record(member.cookie, post.id, { status: i % 2 ? "declined" : "replied", happened: today() });
    }
    expect(settled).toBe(0);
    expect((await threadRow()).rate).toBeNull();
    expect(await loadInsightsCount()).toBe(4);
    // "No answer yet" is not settled: still four.
    const pending = await signedInMember();
    await record(pending.cookie, (await approachBy(pending.id)).id, { status: "no_answer_yet", happened: today() });
    expect((await threadRow()).rate).toBeNull();

    const fifth = await signedInMember();
    await record(fifth.cookie, (await approachBy(fifth.id)).id, { status: "replied", happened: today() });
    const row = await threadRow();
    expect(row.rate).toMatchObject({ messages: 5 });
    expect(row.rate.replied).toBeGreaterThanOrEqual(1);
  });
});

/** Settled outcomes counted for the test thread, read from the aggregates directly (not through the rule). */
async function loadInsightsCount(): Promise<number> {
  const rows = await getDb()
    .selectFrom("insight_cell")
    .select(["outcome", "messages"])
    .where("chart", "=", "thread")
    .where("key", "=", String(threadId))
    .execute();
  return rows.filter((r) => r.outcome !== "no_answer_yet").reduce((n, r) => n + Number(r.messages), 0);
}
