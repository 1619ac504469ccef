import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { addExampleMessage, addComment } from "../../app/models/post.server";
import { castVote, type VoteChoice } from "../../app/models/vote.server";
import { action as voteAction } from "../../app/routes/posts_.$postId.vote";
import { loader as threadLoader } from "../../app/routes/threads.$slug";
import { loader as memberLoader } from "../../app/routes/u.$username";
import { openDatabase } from "../../db/database";
import type { VoteReason } from "../../db/schema";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";
import { joinOverHttp, seededDatabase, startServer, type RunningServer } from "../setup/server";

const SLUG = "authentic-or-spam";
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
});

async function approachBy(
  authorId: number,
  text = "Loved your piece on onboarding. What would you change about it now?",
) {
  return addExampleMessage(getDb(), {
    threadId,
    authorId,
    kind: "approach",
    draft: { text, contextLine: "", remove: [], keep: [] },
  });
}

function vote(cookie: string, postId: number, fields: Record<string, string | string[]>) {
  return run(voteAction, actionArgs(formRequest(`/posts/${postId}/vote`, fields, cookie), { postId: String(postId) }));
}

async function counts(postId: number) {
  return getDb()
    .selectFrom("post")
    .select(["authentic_count", "not_authentic_count", "authenticity_rank"])
    .where("id", "=", postId)
    .executeTakeFirstOrThrow();
}

async function threadAs(cookie?: string, search = "") {
  return (await run(threadLoader, loaderArgs(getRequest(`/threads/${SLUG}${search}`, cookie), { slug: SLUG }))).data;
}

describe("voting", () => {
  it("answers a member who never voted, and withdraws, with no counts; a moderator with them", async () => {
    const author = await signedInMember();
    const post = await approachBy(author.id);
    await vote((await signedInMember()).cookie, post.id, { choice: "authentic" });
    const stranger = await signedInMember();
    const probe = await vote(stranger.cookie, post.id, { choice: "withdraw", mode: "fetch" });
    expect(probe.data).toEqual({ ok: true, state: { mine: null, counts: null } });
    const moderator = await signedInMember("moderator");
    const seen = await vote(moderator.cookie, post.id, { choice: "withdraw", mode: "fetch" });
    expect(seen.data.state.counts).toEqual({ authentic: 1, notAuthentic: 0 });
  });

  it("sets, changes, gives reasons and withdraws, one vote per member", async () => {
    const author = await signedInMember();
    const voter = await signedInMember();
    const post = await approachBy(author.id);

    const set = await vote(voter.cookie, post.id, {
      choice: "authentic",
      returnTo: `/threads/${SLUG}?page=1`,
      anchor: `post-${post.number}`,
    });
    expect(set.status).toBe(302);
    expect(set.headers.get("Location")).toBe(`/threads/${SLUG}?page=1#post-${post.number}`);
    expect(await counts(post.id)).toMatchObject({ authentic_count: 1, not_authentic_count: 0 });

    const change = await vote(voter.cookie, post.id, {
      choice: "not_authentic",
      reasons: ["pushy", "templated"],
      mode: "fetch",
    });
    expect(change.data).toEqual({
      ok: true,
      state: {
        mine: { value: "not_authentic", reasons: ["pushy", "templated"] },
        counts: { authentic: 0, notAuthentic: 1 },
      },
    });
    const reasons = await getDb()
      .selectFrom("vote_reason")
      .select("reason")
      .where("post_id", "=", post.id)
      .orderBy("reason")
      .execute();
    expect(reasons.map((r) => r.reason)).toEqual(["pushy", "templated"]);

    const withdraw = await vote(voter.cookie, post.id, { choice: "withdraw", mode: "fetch" });
    // Withdrawn: no vote, so no counts, as on the page.
    expect(withdraw.data.state).toEqual({ mine: null, counts: null });
    expect(await getDb().selectFrom("vote").selectAll().where("post_id", "=", post.id).execute()).toEqual([]);
    expect(await getDb().selectFrom("vote_reason").selectAll().where("post_id", "=", post.id).execute()).toEqual([]);
  });

  it("changes nothing more when the same request arrives twice", async () => {
    const author = await signedInMember();
    const voter = await signedInMember();
    const post = await approachBy(author.id);
    for (let i = 0; i < 3; i++) await vote(voter.cookie, post.id, { choice: "authentic", mode: "fetch" });
    expect(await counts(post.id)).toMatchObject({ authentic_count: 1, not_authentic_count: 0 });
    for (let i = 0; i < 2; i++) await vote(voter.cookie, post.id, { choice: "withdraw", mode: "fetch" });
    expect(await counts(post.id)).toMatchObject({ authentic_count: 0, not_authentic_count: 0 });
  });

  it("refuses, with a clear message, votes on one's own message, comments, withheld posts and locked threads", async () => {
    const author = await signedInMember();
    const voter = await signedInMember();
    const own = await approachBy(author.id);
    expect(await vote(author.cookie, own.id, { choice: "authentic", mode: "fetch" })).toMatchObject({
      status: 403,
      data: { ok: false, error: "You cannot vote on your own message." },
    });
    expect((await vote(author.cookie, own.id, { choice: "authentic" })).status).toBe(403);

    const comment = await addComment(getDb(), { threadId, authorId: author.id, body: "just a comment" });
    expect((await vote(voter.cookie, comment.id, { choice: "authentic", mode: "fetch" })).data.error).toMatch(
      /comments do not/,
    );

    const hidden = await approachBy(author.id);
    await getDb()
      .updateTable("post")
      .set({ hidden_at: Date.now(), hidden_reason: "spam" })
      .where("id", "=", hidden.id)
      .execute();
    expect((await vote(voter.cookie, hidden.id, { choice: "authentic", mode: "fetch" })).status).toBe(403);
    const pending = await approachBy(author.id);
    await getDb().updateTable("post").set({ review_pending_at: Date.now() }).where("id", "=", pending.id).execute();
    expect((await vote(voter.cookie, pending.id, { choice: "authentic", mode: "fetch" })).status).toBe(403);
    const deleted = await approachBy(author.id);
    await getDb().updateTable("post").set({ deleted_at: Date.now() }).where("id", "=", deleted.id).execute();
    expect((await vote(voter.cookie, deleted.id, { choice: "authentic", mode: "fetch" })).status).toBe(403);

    const open = await approachBy(author.id);
    await getDb().updateTable("thread").set({ locked_at: Date.now() }).where("id", "=", threadId).execute();
    expect((await vote(voter.cookie, open.id, { choice: "authentic", mode: "fetch" })).data.error).toMatch(/locked/);
    await getDb().updateTable("thread").set({ locked_at: null }).where("id", "=", threadId).execute();

    expect((await vote(voter.cookie, 999_999, { choice: "authentic", mode: "fetch" })).status).toBe(404);
    expect((await vote(voter.cookie, open.id, { choice: "loved it", mode: "fetch" })).status).toBe(400);
    expect(
      (await vote(voter.cookie, open.id, { choice: "not_authentic", reasons: ["rude"], mode: "fetch" })).status,
    ).toBe(400);
    const visitor = await run(
      voteAction,
      actionArgs(formRequest(`/posts/${open.id}/vote`, { choice: "authentic" }), { postId: String(open.id) }),
    );
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    const total = await getDb()
      .selectFrom("vote")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", voter.id)
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(0);
  });
});

describe("what each viewer sees", () => {
  it("shows a member the score only after they vote, visitors never; authors and moderators always", async () => {
    const author = await signedInMember();
    const voter = await signedInMember();
    const other = await signedInMember();
    const moderator = await signedInMember("moderator");
    const post = await approachBy(author.id, `A message for the visibility test ${Date.now()}`);
    await vote(voter.cookie, post.id, { choice: "authentic", mode: "fetch" });
    const find = (data: { posts: { id: number; votes: unknown }[] }) =>
      data.posts.find((p) => p.id === post.id)!.votes as { score: unknown; mine: unknown; canVote: boolean };

    // A visitor gets the buttons (they lead to signing in) and no score: signing out shows nothing voting hides.
    expect(find(await threadAs())).toEqual({ canVote: false, visitorMayVote: true, mine: null, score: null });
    expect(find(await threadAs(author.cookie))).toMatchObject({ canVote: false, score: { authentic: 1 } });
    expect(find(await threadAs(moderator.cookie))).toMatchObject({
      canVote: true,
      mine: null,
      score: { authentic: 1 },
    });
    // The member who has not voted sees neither the score nor anyone's vote.
    expect(find(await threadAs(other.cookie))).toEqual({
      canVote: true,
      visitorMayVote: false,
      mine: null,
      score: null,
    });
    expect(find(await threadAs(voter.cookie))).toMatchObject({
      canVote: true,
      mine: { value: "authentic", reasons: [] },
      score: { authentic: 1 },
    });
  });

  it("sends a member who has not voted no count at all, on the thread and on the author's page", async () => {
    const author = await signedInMember();
    const other = await signedInMember();
    const post = await approachBy(author.id, `A message for the counts test ${Date.now()}`);
    for (let i = 0; i < 2; i++)
      await vote((await signedInMember()).cookie, post.id, { choice: "not_authentic", mode: "fetch" });
    const username = (
      await getDb().selectFrom("user").select("username").where("id", "=", author.id).executeTakeFirstOrThrow()
    ).username;
    const memberPage = (await run(memberLoader, loaderArgs(getRequest(`/u/${username}`, other.cookie), { username })))
      .data;
    for (const page of [await threadAs(other.cookie), memberPage]) {
      const sent = page.posts.find((p: { id: number }) => p.id === post.id);
      expect(sent.votes).toEqual({ canVote: true, visitorMayVote: false, mine: null, score: null });
      // Nothing else in what the page sends (and the browser receives) carries the counts.
      expect(Object.keys(sent).filter((key) => /count/i.test(key))).toEqual(["replyCount"]);
    }
  });

  it("names the most common reason once three members say it does not feel authentic", async () => {
    const author = await signedInMember();
    const post = await approachBy(author.id, `Reasons test ${Date.now()}`);
    const reasonSets: VoteReason[][] = [["pushy"], ["pushy", "entitled"]];
    for (const reasons of reasonSets)
      await vote((await signedInMember()).cookie, post.id, { choice: "not_authentic", reasons, mode: "fetch" });
    // Seen as a moderator: visitors see no scores on a thread.
    const moderator = await signedInMember("moderator");
    const score = async () =>
      (await threadAs(moderator.cookie)).posts.find((p: { id: number }) => p.id === post.id).votes.score;
    expect((await score()).topReason).toBeNull();
    await vote((await signedInMember()).cookie, post.id, {
      choice: "not_authentic",
      reasons: ["invasive"],
      mode: "fetch",
    });
    expect(await score()).toEqual({ authentic: 0, notAuthentic: 3, topReason: "pushy" });
  });
});

describe("ranking", () => {
  it("puts a 40-of-50 message above a 3-of-3 one in 'most authentic', and newest first in 'newest'", async () => {
    const author = await signedInMember();
    const few = await approachBy(author.id, "Three of three");
    const many = await approachBy(author.id, "Forty of fifty");
    const voters = await Promise.all(Array.from({ length: 50 }, () => signedInMember()));
    for (const [i, voter] of voters.entries()) {
      if (i < 3) await castVote(getDb(), { postId: few.id, userId: voter.id, choice: { value: "authentic" } });
      await castVote(getDb(), {
        postId: many.id,
        userId: voter.id,
        choice: i < 40 ? { value: "authentic" } : { value: "not_authentic", reasons: [] },
      });
    }
    const top = (await threadAs(undefined, "?sort=top")).posts.map((p: { id: number }) => p.id);
    expect(top).toEqual(expect.arrayContaining([many.id, few.id]));
    expect(top.indexOf(many.id)).toBeLessThan(top.indexOf(few.id));
    expect((await counts(many.id)).authenticity_rank).toBeCloseTo(0.6696, 3);
    const newest = (await threadAs(undefined, "?sort=new")).posts.map((p: { id: number }) => p.id);
    expect(newest).toEqual(expect.arrayContaining([many.id, few.id]));
    expect(newest.indexOf(many.id)).toBeLessThan(newest.indexOf(few.id));
    expect((await threadAs(undefined, "?sort=top")).posts.every((p: { kind: string }) => p.kind !== "comment")).toBe(
      true,
    );
  });
});

describe("counts stay equal to the votes", () => {
  it("after thousands of random votes, changes and withdrawals", async () => {
    const author = await signedInMember();
    const posts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => approachBy(author.id, `Consistency ${i} ${Date.now()}`)),
    );
    const members = await Promise.all(Array.from({ length: 25 }, () => signedInMember()));
    let seed = 20261125;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const reasons: VoteReason[] = ["invasive", "templated", "pushy", "entitled", "other"];
    const choices: VoteChoice[] = [{ value: "authentic" }, { value: null }, { value: "not_authentic", reasons: [] }];
    const operations = 3_000;
    await Promise.all(
      Array.from({ length: operations }, () => {
        const choice = choices[random(3)];
        const wanted: VoteChoice =
          choice.value === "not_authentic"
            ? { value: "not_authentic", reasons: [reasons[random(5)], reasons[random(5)]] }
            : choice;
        return castVote(getDb(), {
          postId: posts[random(posts.length)].id,
          userId: members[random(members.length)].id,
          choice: wanted,
        });
      }),
    );
    for (const post of posts) {
      const stored = await counts(post.id);
      const tally = await getDb()
        .selectFrom("vote")
        .select(["value", (eb) => eb.fn.countAll<number>().as("n")])
        .where("post_id", "=", post.id)
        .groupBy("value")
        .execute();
      const of = (value: string) => Number(tally.find((t) => t.value === value)?.n ?? 0);
      expect(stored.authentic_count).toBe(of("authentic"));
      expect(stored.not_authentic_count).toBe(of("not_authentic"));
    }
    const orphans = await getDb()
      .selectFrom("vote_reason")
      .leftJoin("vote", (join) =>
        join.onRef("vote.post_id", "=", "vote_reason.post_id").onRef("vote.user_id", "=", "vote_reason.user_id"),
      )
      .select("vote_reason.reason")
      .where((eb) => eb.or([eb("vote.value", "is", null), eb("vote.value", "=", "authentic")]))
      .execute();
    expect(orphans).toEqual([]);
  });
});

describe("fifty identical votes at once, against the real server", () => {
  let server: RunningServer;
  let databasePath: string;

  beforeAll(async () => {
    databasePath = await seededDatabase("concurrent");
    server = await startServer(databasePath);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("leave exactly one vote and the right counts", async () => {
    const db = openDatabase(databasePath);
    const post = await db
      .selectFrom("post")
      .select("id")
      .where("kind", "=", "approach")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const cookie = await joinOverHttp(server.url, "concurrent_voter");
    const send = (choice: string) =>
      // As the page's fetcher sends it: single fetch's .data address.
      fetch(`${server.url}/posts/${post.id}/vote.data`, {
        method: "POST",
        body: new URLSearchParams({ choice, mode: "fetch" }),
        headers: { Cookie: cookie, Origin: server.url },
      }).then((r) => r.status);
    const statuses = await Promise.all(Array.from({ length: 50 }, () => send("authentic")));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const votes = await db.selectFrom("vote").selectAll().where("post_id", "=", post.id).execute();
    expect(votes).toHaveLength(1);
    expect(
      await db
        .selectFrom("post")
        .select(["authentic_count", "not_authentic_count"])
        .where("id", "=", post.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ authentic_count: 1, not_authentic_count: 0 });

    const withdrawals = await Promise.all(Array.from({ length: 50 }, () => send("withdraw")));
    expect(withdrawals.every((s) => s === 200)).toBe(true);
    expect(await db.selectFrom("vote").selectAll().where("post_id", "=", post.id).execute()).toEqual([]);
    expect(
      await db
        .selectFrom("post")
        .select(["authentic_count", "not_authentic_count"])
        .where("id", "=", post.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ authentic_count: 0, not_authentic_count: 0 });
    await db.destroy();
  });
});
