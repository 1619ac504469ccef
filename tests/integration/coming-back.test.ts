/**
 * The pages of coming back (issue 14), through their loaders and actions on a real database: the header
 * count, /notifications (opening one, mark all read), withdrawing a message from the guide, the unread
 * markers on /, following and muting, the settings, and an account's deletion.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { addEntry } from "../../app/models/guide-entry.server";
import { getGuide } from "../../app/models/guide.server";
import { addComment, addExampleMessage } from "../../app/models/post.server";
import { deleteAccount } from "../../app/models/user.server";
import { castVote } from "../../app/models/vote.server";
import { loader as rootLoader } from "../../app/root";
import { loader as homeLoader } from "../../app/routes/_index";
import { action as notificationsAction, loader as notificationsLoader } from "../../app/routes/notifications";
import { loader as openLoader } from "../../app/routes/notifications_.$id";
import { action as consentAction } from "../../app/routes/posts_.$postId.guide";
import { action as notificationSettingsAction } from "../../app/routes/settings_.notifications";
import { loader as threadLoader } from "../../app/routes/threads.$slug";
import { action as followAction } from "../../app/routes/threads_.$slug.follow";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";

const SLUG = "the-opener";
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
});

const approachBy = (authorId: number, text = "Loved your piece on onboarding. What would you change about it now?") =>
  addExampleMessage(getDb(), {
    threadId,
    authorId,
    kind: "approach",
    draft: { text, contextLine: "", remove: [], keep: [] },
  });

async function unread(cookie: string): Promise<number> {
  return (await run(rootLoader, loaderArgs(getRequest("/", cookie)))).data.unread as number;
}

async function sectionId(): Promise<number> {
  const existing = await getDb().selectFrom("guide_section").select("id").executeTakeFirst();
  if (existing) return existing.id;
  return (
    await getDb()
      .insertInto("guide_section")
      .values({ slug: "s", title: "Openers", intro_md: "", intro_html: "", position: 1, created_at: 1, updated_at: 1 })
      .returning("id")
      .executeTakeFirstOrThrow()
  ).id;
}

describe("the header count and /notifications", () => {
  it("counts a reply with a mention once, and a first vote; opening each reads it; mark all read clears the rest", async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const post = await approachBy(a.id);
    await addComment(getDb(), { threadId, authorId: b.id, body: `@${a.username} this is good.`, replyToId: post.id });
    await castVote(getDb(), { postId: post.id, userId: b.id, choice: { value: "authentic" } });
    expect(await unread(a.cookie)).toBe(2);

    const page = await run(notificationsLoader, loaderArgs(getRequest("/notifications", a.cookie)));
    const items = page.data.groups.flat();
    expect(items.map((i: { kind: string }) => i.kind)).toEqual(["vote_milestone", "reply"]);
    // Both are about A's post: one group.
    expect(page.data.groups).toHaveLength(1);

    const opened = await run(
      openLoader,
      loaderArgs(getRequest(`/notifications/${items[1].id}`, a.cookie), { id: String(items[1].id) }),
    );
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toMatch(new RegExp(`^/threads/${SLUG}\\?page=\\d+#post-\\d+$`));
    expect(await unread(a.cookie)).toBe(1);

    // Someone else's notification: not found, and not read.
    const other = await run(
      openLoader,
      loaderArgs(getRequest(`/notifications/${items[0].id}`, b.cookie), { id: String(items[0].id) }),
    );
    expect(other.status).toBe(404);

    await run(notificationsAction, actionArgs(formRequest("/notifications", { intent: "mark-all-read" }, a.cookie)));
    expect(await unread(a.cookie)).toBe(0);
  });

  it("asks a visitor to sign in", async () => {
    const page = await run(notificationsLoader, loaderArgs(getRequest("/notifications")));
    expect(page.status).toBe(302);
  });
});

describe("withdrawing a message from the guide", () => {
  it("takes it out of the guide at once, marks it for moderators, and refuses to add it again until allowed", async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const moderator = await signedInMember("moderator");
    const post = await approachBy(a.id, "Would you share what made your team's onboarding work so well?");
    await addEntry(getDb(), { actorId: moderator.id, postId: post.id, sectionId: await sectionId(), note: "Curious." });
    const inGuide = async () =>
      (await getGuide(getDb())).flatMap((s) => s.entries).some((e) => e.message.postId === post.id);
    expect(await inGuide()).toBe(true);
    expect(
      (await getGuide(getDb())).flatMap((s) => s.entries).find((e) => e.message.postId === post.id)?.authorConsent,
    ).toBe("did_not_object");

    const consent = (cookie: string, choice: string) =>
      run(
        consentAction,
        actionArgs(formRequest(`/posts/${post.id}/guide`, { choice }, cookie), { postId: String(post.id) }),
      );
    expect((await consent(b.cookie, "withdraw")).status).toBe(404);
    expect(await inGuide()).toBe(true);

    expect((await consent(a.cookie, "withdraw")).status).toBe(302);
    expect(await inGuide()).toBe(false);
    const forModerators = (await getGuide(getDb(), { includeWithdrawn: true })).flatMap((s) => s.entries);
    expect(forModerators.find((e) => e.message.postId === post.id)).toMatchObject({ withdrawnByAuthor: true });
    await expect(
      addEntry(getDb(), { actorId: moderator.id, postId: post.id, sectionId: await sectionId(), note: "Again." }),
    ).rejects.toThrow(/withdrew/);

    await consent(a.cookie, "allow");
    await addEntry(getDb(), { actorId: moderator.id, postId: post.id, sectionId: await sectionId(), note: "Again." });
    await consent(a.cookie, "agree");
    const entry = (await getGuide(getDb())).flatMap((s) => s.entries).find((e) => e.message.postId === post.id);
    expect(entry?.authorConsent).toBe("agreed");
  });
});

describe("unread markers, following and muting", () => {
  it("marks a thread with new posts on /, opens it at the first new one, and filters to unread threads", async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    await addComment(getDb(), { threadId, authorId: b.id, body: "I was here first." });
    await run(threadLoader, loaderArgs(getRequest(`/threads/${SLUG}`, b.cookie), { slug: SLUG }));
    const home = async (search = "") =>
      (await run(homeLoader, loaderArgs(getRequest(`/${search}`, b.cookie)))).data.threads.find(
        (t: { slug: string }) => t.slug === SLUG,
      );
    expect((await home()).marks).toMatchObject({ newPosts: 0, level: "following" });
    expect(await home("?filter=unread")).toBeUndefined();

    const comment = await addComment(getDb(), { threadId, authorId: a.id, body: "And a new thought." });
    expect((await home()).marks).toMatchObject({ newPosts: 1, firstUnread: comment.number });
    expect(await home("?filter=unread")).toBeDefined();

    const shown = await run(
      threadLoader,
      loaderArgs(getRequest(`/threads/${SLUG}?page=${Math.ceil(comment.number / 50)}`, b.cookie), { slug: SLUG }),
    );
    expect(shown.data.reading).toMatchObject({ newSince: comment.number, level: "following" });
    expect((await home()).marks.newPosts).toBe(0);

    // One's own new post is not news: the line goes before the first post someone else wrote, or nowhere.
    const own = await addComment(getDb(), { threadId, authorId: b.id, body: "My own answer." });
    const page = async () =>
      (
        await run(
          threadLoader,
          loaderArgs(getRequest(`/threads/${SLUG}?page=${Math.ceil(own.number / 50)}`, b.cookie), { slug: SLUG }),
        )
      ).data.reading;
    expect(await page()).toMatchObject({ newSince: null });
    await addComment(getDb(), { threadId, authorId: b.id, body: "And another of mine." });
    const other = await addComment(getDb(), { threadId, authorId: a.id, body: "A reply from a." });
    expect(Math.ceil(other.number / 50)).toBe(Math.ceil(own.number / 50)); // one page holds both
    expect(await page()).toMatchObject({ newSince: other.number });
  });

  it("follows with the button (new example messages notify) and mutes (they stop)", async () => {
    const member = await signedInMember();
    const level = (value: string) =>
      run(
        followAction,
        actionArgs(formRequest(`/threads/${SLUG}/follow`, { level: value }, member.cookie), { slug: SLUG }),
      );
    expect((await level("following")).status).toBe(302);
    const poster = await signedInMember();
    await approachBy(poster.id, "Is there a part of your week you would trade for more time with clients?");
    expect(await unread(member.cookie)).toBe(1);
    await level("muted");
    await approachBy(poster.id, "What would you change first, if you could change one thing this year?");
    expect(await unread(member.cookie)).toBe(1);
    expect((await level("nonsense")).status).toBe(400);
  });

  it("turns a family off in the app: nothing of it is written", async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    await run(
      notificationSettingsAction,
      actionArgs(
        formRequest(
          "/settings/notifications",
          { intent: "save", inApp: ["guide_moderation", "followed_threads"] },
          a.cookie,
        ),
      ),
    );
    const post = await approachBy(a.id, "Could I ask how you got started in product design?");
    await addComment(getDb(), { threadId, authorId: b.id, body: "Nice.", replyToId: post.id });
    expect(await unread(a.cookie)).toBe(0);
  });
});

describe("deleting an account", () => {
  it("removes the member's own notifications; others' about them name a former member", async () => {
    const a = await signedInMember();
    const b = await signedInMember();
    const post = await approachBy(a.id, "May I ask what you look for in a first message?");
    const reply = await addComment(getDb(), { threadId, authorId: b.id, body: "Good.", replyToId: post.id });
    await addComment(getDb(), { threadId, authorId: a.id, body: "Thanks.", replyToId: reply.id });
    await deleteAccount(getDb(), { userId: a.id });
    const left = await getDb().selectFrom("notification").select("id").where("user_id", "=", a.id).execute();
    expect(left).toEqual([]);
    const page = await run(notificationsLoader, loaderArgs(getRequest("/notifications", b.cookie)));
    const item = page.data.groups.flat()[0];
    expect(item).toMatchObject({ kind: "reply", actor: null, actorGone: true });
  });
});
