/**
 * Every kind of notification, written by the actions that cause them (the models, in their transactions),
 * on a real migrated database: who is told, who is not (the actor, muted threads, families turned off), and
 * the vote milestones (none for votes 2 to 9).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { flagPost } from "../../app/models/flag.server";
import { addEntry } from "../../app/models/guide-entry.server";
import { decideOnPost, reanonymisePost } from "../../app/models/moderation.server";
import { addComment, addExampleMessage } from "../../app/models/post.server";
import { castVote } from "../../app/models/vote.server";
import { seed } from "../../db/seed";
import { signedInMember } from "../setup/requests";

const SLUG = "authentic-or-spam";
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
});

function approachBy(authorId: number, text = "Loved your piece on onboarding. What would you change about it now?") {
  return addExampleMessage(getDb(), {
    threadId,
    authorId,
    kind: "approach",
    draft: { text, contextLine: "", remove: [], keep: [] },
  });
}

function notificationsOf(userId: number) {
  return getDb()
    .selectFrom("notification")
    .select(["kind", "actor_id", "post_id", "source_post_id", "detail", "count", "read_at"])
    .where("user_id", "=", userId)
    .orderBy("id")
    .execute();
}

describe("notifications written by actions", () => {
  it("tells the author of the post a comment answers, and nobody for their own replies", async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const post = await approachBy(a.id);
    const reply = await addComment(getDb(), { threadId, authorId: b.id, body: "Nice one.", replyToId: post.id });
    await addComment(getDb(), { threadId, authorId: a.id, body: "Thanks!", replyToId: reply.id });
    expect(await notificationsOf(a.id)).toEqual([
      expect.objectContaining({ kind: "reply", actor_id: b.id, post_id: post.id, source_post_id: reply.id }),
    ]);
    expect((await notificationsOf(b.id)).map((n) => n.kind)).toEqual(["reply"]);
  });

  it("tells members mentioned as @name, once each, and the author of a quoted post", async () => {
    const a = await signedInMember();
    const c = await signedInMember();
    const b = await signedInMember();
    const post = await approachBy(a.id);
    const number = (
      await getDb().selectFrom("post").select("number").where("id", "=", post.id).executeTakeFirstOrThrow()
    ).number;
    await addComment(getDb(), {
      threadId,
      authorId: b.id,
      body: `As @${c.username} said (and @${c.username.toUpperCase()} again), see [this](#post-${number}) @nobody_here`,
    });
    expect((await notificationsOf(c.id)).map((n) => n.kind)).toEqual(["mention"]);
    expect(await notificationsOf(a.id)).toEqual([expect.objectContaining({ kind: "quote", post_id: post.id })]);
  });

  it("sends the first vote and 10, 25 as milestones, none for votes 2 to 9, and never twice", async () => {
    const a = await signedInMember();
    const post = await approachBy(a.id);
    const voters = [];
    for (let i = 0; i < 11; i++) voters.push(await signedInMember());
    const vote = (userId: number, value: "authentic" | null) =>
      castVote(getDb(), { postId: post.id, userId, choice: value ? { value } : { value: null } });
    await vote(voters[0].id, "authentic");
    expect((await notificationsOf(a.id)).map((n) => n.count)).toEqual([1]);
    for (let i = 1; i < 9; i++) await vote(voters[i].id, "authentic");
    expect(await notificationsOf(a.id)).toHaveLength(1);
    await vote(voters[9].id, "authentic");
    await vote(voters[9].id, null);
    await vote(voters[9].id, "authentic");
    await vote(voters[10].id, "authentic");
    const milestones = await notificationsOf(a.id);
    expect(milestones.map((n) => [n.kind, n.count, n.actor_id])).toEqual([
      ["vote_milestone", 1, null],
      ["vote_milestone", 10, null],
    ]);
  });

  it("tells followers of a new example message, one unread row per thread; muted threads and the poster are silent", async () => {
    const follower = await signedInMember();
    const muter = await signedInMember();
    await addComment(getDb(), { threadId, authorId: follower.id, body: "I follow this now." });
    await addComment(getDb(), { threadId, authorId: muter.id, body: "And I will mute it." });
    await getDb()
      .updateTable("thread_reader")
      .set({ level: "muted" })
      .where("user_id", "=", muter.id)
      .where("thread_id", "=", threadId)
      .execute();
    const poster = await signedInMember();
    await approachBy(poster.id);
    await approachBy(poster.id, "Would you have ten minutes to compare notes on onboarding?");
    const rows = (await notificationsOf(follower.id)).filter((n) => n.kind === "followed_thread");
    expect(rows).toHaveLength(1);
    expect(rows[0].count).toBe(2);
    expect(await notificationsOf(muter.id)).toEqual([]);
    expect((await notificationsOf(poster.id)).filter((n) => n.kind === "followed_thread")).toEqual([]);
  });

  it("tells an author their message went into the guide, with the note, or was hidden, restored or fixed, with the reason; and flaggers the outcome", async () => {
    const a = await signedInMember();
    const flagger = await signedInMember();
    const moderator = await signedInMember("moderator");
    const post = await approachBy(a.id);
    const section = await getDb().selectFrom("guide_section").select("id").executeTakeFirst();
    const sectionId =
      section?.id ??
      (
        await getDb()
          .insertInto("guide_section")
          .values({ slug: "n", title: "N", intro_md: "", intro_html: "", position: 1, created_at: 1, updated_at: 1 })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    await addEntry(getDb(), { actorId: moderator.id, postId: post.id, sectionId, note: "Specific and warm." });
    await flagPost(getDb(), {
      postId: post.id,
      userId: flagger.id,
      reason: "spam",
      note: null,
      identifyingWords: null,
    });
    await decideOnPost(getDb(), "hide", { postId: post.id, moderatorId: moderator.id, reason: "Advertising" });
    await decideOnPost(getDb(), "restore", { postId: post.id, moderatorId: moderator.id, reason: "On reflection" });
    await reanonymisePost(getDb(), {
      postId: post.id,
      moderatorId: moderator.id,
      draft: { text: "Loved your piece. What would you change about it now?", contextLine: "", remove: [], keep: [] },
      reason: "Fixed the anonymisation",
    });
    expect((await notificationsOf(a.id)).map((n) => [n.kind, n.detail])).toEqual([
      ["guide_added", "Specific and warm."],
      ["post_hidden", "Advertising"],
      ["post_restored", "On reflection"],
      ["post_fixed", "Fixed the anonymisation"],
    ]);
    expect((await notificationsOf(flagger.id)).map((n) => [n.kind, n.detail])).toEqual([["flag_resolved", "hidden"]]);
  });
});
