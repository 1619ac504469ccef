/**
 * Flags that cannot be weaponised (issue 12, decision 0009): no reason assumed, the words that
 * identify someone required and kept for moderators only, withholding at once only on a trusted
 * member's word, withdrawal, and the outcome on the flag page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { listFlagQueue } from "../../app/models/moderation.server";
import { listThreadPage } from "../../app/models/post-view.server";
import { addComment, addExampleMessage } from "../../app/models/post.server";
import { action as reviewAction } from "../../app/routes/mod.posts.$postId";
import { action as flagAction, loader as flagLoader } from "../../app/routes/posts_.$postId.flag";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";

const SLUG = "following-up";
const DAY = 24 * 60 * 60 * 1000;
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
});

/** A member whose account is older than a day: their "not anonymised" flag withholds at once. */
async function trustedMember() {
  const member = await signedInMember();
  await getDb()
    .updateTable("user")
    .set({ created_at: Date.now() - 2 * DAY })
    .where("id", "=", member.id)
    .execute();
  return member;
}

async function example(authorId: number, text: string) {
  return addExampleMessage(getDb(), {
    threadId,
    authorId,
    kind: "approach",
    draft: { text, contextLine: "", remove: [], keep: [] },
  });
}

function flag(cookie: string, postId: number | string, fields: Record<string, string>) {
  return run(
    flagAction,
    actionArgs(formRequest(`/posts/${postId}/flag`, { intent: "flag", ...fields }, cookie), { postId: String(postId) }),
  );
}

function flagPage(cookie: string | undefined, postId: number | string) {
  return run(flagLoader, loaderArgs(getRequest(`/posts/${postId}/flag`, cookie), { postId: String(postId) }));
}

async function stateOf(postId: number, viewer: { id: number; role: "member" | "moderator" } | null) {
  return (await listThreadPage(getDb(), { threadId, page: 1, viewer })).find((p) => p.id === postId)!;
}

describe("the 'not properly anonymised' flag", () => {
  it("from a member older than a day withholds the message at once; author and moderators still see it", async () => {
    const author = await signedInMember();
    const flagger = await trustedMember();
    const other = await signedInMember();
    const moderator = await signedInMember("moderator");
    const post = await example(author.id, "A message that names someone the anonymiser missed: Zebedee.");
    const sent = await flag(flagger.cookie, post.id, {
      reason: "not_anonymised",
      words: "Zebedee",
      note: "the last word is a name",
    });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(`/posts/${post.id}/flag`);
    expect(await stateOf(post.id, null)).toMatchObject({ state: "pending_review", bodyHtml: null });
    expect(await stateOf(post.id, { id: other.id, role: "member" })).toMatchObject({ bodyHtml: null });
    expect((await stateOf(post.id, { id: author.id, role: "member" })).bodyHtml).toContain("Zebedee");
    expect((await stateOf(post.id, { id: moderator.id, role: "moderator" })).bodyHtml).toContain("Zebedee");
    const stored = await getDb().selectFrom("flag").selectAll().where("post_id", "=", post.id).execute();
    expect(stored).toMatchObject([
      { reason: "not_anonymised", note: "the last word is a name", identifying_words: "Zebedee", user_id: flagger.id },
    ]);
    // The flagger's page says it is withheld and offers withdrawal; the words stay with moderators.
    const page = await flagPage(flagger.cookie, post.id);
    expect(page.data.flag).toMatchObject({ reason: "not_anonymised", outcome: null });
    expect(page.data.post.bodyHtml).toBeNull();
    expect(JSON.stringify(page.data)).not.toContain("Zebedee");
    const queued = (await listFlagQueue(getDb())).find((q) => q.postId === post.id)!;
    expect(queued).toMatchObject({ reviewPending: true, flags: [{ words: "Zebedee" }] });
  });

  it("from an account less than a day old queues the message for review without hiding it", async () => {
    const author = await signedInMember();
    const newcomer = await signedInMember();
    const post = await example(author.id, "Thanks for the chat at the summit.");
    expect((await flag(newcomer.cookie, post.id, { reason: "not_anonymised", words: "summit" })).status).toBe(302);
    expect(await stateOf(post.id, null)).toMatchObject({ state: "visible" });
    expect((await stateOf(post.id, null)).bodyHtml).toContain("summit");
    expect((await listFlagQueue(getDb())).find((q) => q.postId === post.id)).toMatchObject({
      reviewPending: false,
      flags: [{ reason: "not_anonymised", words: "summit" }],
    });
  });

  it("from a member with two such flags dismissed in the last 30 days queues without hiding", async () => {
    const author = await signedInMember();
    const flagger = await trustedMember();
    const moderator = await signedInMember("moderator");
    for (let i = 0; i < 2; i++) {
      const post = await example(author.id, `A perfectly anonymous message number ${i}.`);
      await flag(flagger.cookie, post.id, { reason: "not_anonymised", words: "number" });
      const dismissed = await run(
        reviewAction,
        actionArgs(
          formRequest(
            `/mod/posts/${post.id}`,
            { intent: "dismiss", reason: "Nothing identifies anyone" },
            moderator.cookie,
          ),
          {
            postId: String(post.id),
          },
        ),
      );
      expect(dismissed.status).toBe(302);
      // Ruling erases the words the flagger gave.
      const closed = await getDb()
        .selectFrom("flag")
        .selectAll()
        .where("post_id", "=", post.id)
        .executeTakeFirstOrThrow();
      expect(closed).toMatchObject({ resolution: "dismissed", identifying_words: null });
      expect((await flagPage(flagger.cookie, post.id)).data.flag.outcome).toBe("dismissed");
    }
    const third = await example(author.id, "Another message they will flag.");
    await flag(flagger.cookie, third.id, { reason: "not_anonymised", words: "Another" });
    expect((await stateOf(third.id, null)).state).toBe("visible");
  });

  it("asks which words identify someone, and assumes no reason", async () => {
    const author = await signedInMember();
    const flagger = await trustedMember();
    const post = await example(author.id, "A message with nothing to flag yet.");
    const noWords = await flag(flagger.cookie, post.id, { reason: "not_anonymised", words: " ", note: "kept" });
    expect(noWords.status).toBe(400);
    expect(noWords.data.errors.words).toMatch(/which words identify someone/);
    expect(noWords.data.values).toMatchObject({ reason: "not_anonymised", note: "kept" });
    const noReason = await flag(flagger.cookie, post.id, { note: "no reason" });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toMatch(/Choose why/);
    expect(await getDb().selectFrom("flag").select("id").where("post_id", "=", post.id).execute()).toEqual([]);
    expect((await stateOf(post.id, null)).state).toBe("visible");
  });

  it("can be withdrawn by its sender while open, which shows a withheld message again", async () => {
    const author = await signedInMember();
    const flagger = await trustedMember();
    const stranger = await signedInMember();
    const newcomer = await signedInMember();
    const post = await example(author.id, "A message flagged by mistake.");
    // A newcomer's flag alone withholds nothing, so it must not keep the message withheld either.
    await flag(newcomer.cookie, post.id, { reason: "not_anonymised", words: "message" });
    await flag(flagger.cookie, post.id, { reason: "not_anonymised", words: "mistake" });
    expect((await stateOf(post.id, null)).state).toBe("pending_review");
    const withdraw = (cookie: string) =>
      run(
        flagAction,
        actionArgs(formRequest(`/posts/${post.id}/flag`, { intent: "withdraw" }, cookie), { postId: String(post.id) }),
      );
    // Someone else cannot withdraw it (they have no flag of their own, and the post is withheld from them).
    expect((await withdraw(stranger.cookie)).status).toBe(404);
    expect((await stateOf(post.id, null)).state).toBe("pending_review");
    expect((await withdraw(flagger.cookie)).status).toBe(302);
    expect((await stateOf(post.id, null)).state).toBe("visible");
    const stored = await getDb()
      .selectFrom("flag")
      .selectAll()
      .where("post_id", "=", post.id)
      .where("user_id", "=", flagger.id)
      .executeTakeFirstOrThrow();
    expect(stored.withdrawn_at).not.toBeNull();
    expect(stored.identifying_words).toBeNull();
    expect((await flagPage(flagger.cookie, post.id)).data.flag.outcome).toBe("withdrawn");
    // Withdrawn is closed: not again, and not in the queue.
    expect((await withdraw(flagger.cookie)).status).toBe(409);
    expect((await listFlagQueue(getDb())).find((q) => q.postId === post.id)!.flags).toHaveLength(1);
  });

  it("is refused on one's own post and, as 'not anonymised', on comments; counts once per member", async () => {
    const author = await signedInMember();
    const flagger = await trustedMember();
    const post = await example(author.id, "Quick question about your talk.");
    expect((await flag(author.cookie, post.id, { reason: "not_anonymised", words: "talk" })).status).toBe(403);
    expect((await flag(flagger.cookie, post.id, { reason: "spam" })).status).toBe(302);
    expect((await flag(flagger.cookie, post.id, { reason: "not_anonymised", words: "talk" })).status).toBe(302);
    expect(await getDb().selectFrom("flag").select("reason").where("post_id", "=", post.id).execute()).toEqual([
      { reason: "spam" },
    ]);
    expect((await flag(flagger.cookie, post.id, { reason: "nonsense" })).status).toBe(400);
    const comment = await addComment(getDb(), { threadId, authorId: author.id, body: "a comment" });
    const refused = await flag(flagger.cookie, comment.id, { reason: "not_anonymised", words: "comment" });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.reason).toMatch(/Only example messages/);
  });

  it("is refused on a hidden post, whatever the page shows, and changes nothing", async () => {
    const author = await signedInMember();
    const flagger = await trustedMember();
    const post = await example(author.id, "A message a moderator has hidden.");
    await getDb()
      .updateTable("post")
      .set({ hidden_at: Date.now(), hidden_reason: "spam" })
      .where("id", "=", post.id)
      .execute();
    expect((await flag(flagger.cookie, post.id, { reason: "not_anonymised", words: "hidden" })).status).toBe(404);
    expect(await getDb().selectFrom("flag").select("id").where("post_id", "=", post.id).execute()).toEqual([]);
  });

  it("has a page of its own for members, with the post, then the member's flag and its outcome", async () => {
    const author = await signedInMember();
    const flagger = await signedInMember();
    const post = await example(author.id, "A note about the flag page, quoted.");
    const visitor = await flagPage(undefined, post.id);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/posts/${post.id}/flag`)}`);
    expect((await flagPage(author.cookie, post.id)).status).toBe(403);
    expect((await flagPage(flagger.cookie, 999999)).status).toBe(404);
    expect((await flagPage(flagger.cookie, "not-a-number")).status).toBe(404);
    const before = await flagPage(flagger.cookie, post.id);
    expect(before.data).toMatchObject({ post: { id: post.id, kind: "approach" }, thread: { slug: SLUG }, flag: null });
    expect(before.data.post.bodyHtml).toContain("quoted");
    await flag(flagger.cookie, post.id, { reason: "spam" });
    expect((await flagPage(flagger.cookie, post.id)).data.flag).toMatchObject({ reason: "spam", outcome: null });
    // Once withheld for review, there is nothing left for anyone else to flag.
    await flag((await trustedMember()).cookie, post.id, { reason: "not_anonymised", words: "note" });
    expect((await flagPage((await signedInMember()).cookie, post.id)).status).toBe(404);
    // The first flagger still reads theirs.
    expect((await flagPage(flagger.cookie, post.id)).status).toBe(200);
  });
});
