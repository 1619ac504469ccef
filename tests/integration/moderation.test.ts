import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { flagPost } from "../../app/models/flag.server";
import { listFlagQueue } from "../../app/models/moderation.server";
import { listThreadPage } from "../../app/models/post-view.server";
import { addComment, addExampleMessage } from "../../app/models/post.server";
import { loader as modLayoutLoader } from "../../app/routes/mod";
import { loader as queueLoader } from "../../app/routes/mod._index";
import { action as membersAction, loader as membersLoader } from "../../app/routes/mod.members";
import { action as reviewAction } from "../../app/routes/mod.posts.$postId";
import { action as threadModAction } from "../../app/routes/mod.threads.$slug";
import { action as newThreadAction } from "../../app/routes/mod.threads.new";
import { loader as logLoader } from "../../app/routes/moderation-log";
import { action as threadAction } from "../../app/routes/threads.$slug";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";

const SLUG = "meeting-in-person";
const DAY = 24 * 60 * 60 * 1000;

/** A flagger whose account is older than a day, so their "not anonymised" flag withholds at once. */
async function trusted<M extends { id: number }>(member: M): Promise<M> {
  await getDb()
    .updateTable("user")
    .set({ created_at: Date.now() - 2 * DAY })
    .where("id", "=", member.id)
    .execute();
  return member;
}
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
});

async function example(authorId: number, text: string) {
  return addExampleMessage(getDb(), {
    threadId,
    authorId,
    kind: "received_reply",
    draft: { text, contextLine: "", remove: [], keep: [] },
  });
}

function review(cookie: string, postId: number, fields: Record<string, string>) {
  return run(reviewAction, actionArgs(formRequest(`/mod/posts/${postId}`, fields, cookie), { postId: String(postId) }));
}

async function logFor(postId: number) {
  return getDb().selectFrom("moderation_log").selectAll().where("post_id", "=", postId).orderBy("id").execute();
}

describe("the flag queue", () => {
  it("lists 'not properly anonymised' first, then by number of flags", async () => {
    const author = await signedInMember();
    const spam = await example(author.id, "Buy my course today, only $9.");
    const named = await example(author.id, "Thanks, but no. — a person the anonymiser missed");
    const flaggers = await Promise.all(
      [signedInMember(), signedInMember(), signedInMember()].map(async (m) => trusted(await m)),
    );
    for (const f of flaggers) await flagPost(getDb(), { postId: spam.id, userId: f.id, reason: "spam", note: null });
    await flagPost(getDb(), {
      postId: named.id,
      userId: flaggers[0].id,
      reason: "not_anonymised",
      note: "a name remains",
      identifyingWords: "the person",
    });
    const queue = await listFlagQueue(getDb());
    const ids = queue.map((q) => q.postId);
    expect(ids.indexOf(named.id)).toBeLessThan(ids.indexOf(spam.id));
    expect(queue.find((q) => q.postId === spam.id)!.flags).toHaveLength(3);
    expect(queue.find((q) => q.postId === named.id)).toMatchObject({
      reviewPending: true,
      flags: [{ reason: "not_anonymised", note: "a name remains" }],
    });
    const moderator = await signedInMember("moderator");
    const page = await run(queueLoader, loaderArgs(getRequest("/mod", moderator.cookie)));
    expect(page.data.queue.map((q: { postId: number }) => q.postId)).toEqual(ids);
  });
});

describe("deciding on a post", () => {
  it("hides it with a reason shown in its place, closes its flags and logs it", async () => {
    const author = await signedInMember();
    const flagger = await signedInMember();
    const moderator = await signedInMember("moderator");
    const post = await example(author.id, "Stop messaging me.");
    await flagPost(getDb(), { postId: post.id, userId: flagger.id, reason: "abusive", note: null });
    expect(
      (await review(moderator.cookie, post.id, { intent: "hide", reason: "" })).data.decision.errors.reason,
    ).toMatch(/Say why/);
    expect((await review(moderator.cookie, post.id, { intent: "hide", reason: "Personal attack" })).status).toBe(302);
    const seen = (await listThreadPage(getDb(), { threadId, page: 1, viewer: null })).find((p) => p.id === post.id)!;
    expect(seen).toMatchObject({ state: "hidden", bodyHtml: null, hiddenReason: "Personal attack" });
    expect(
      await getDb().selectFrom("flag").select(["resolution", "resolved_by"]).where("post_id", "=", post.id).execute(),
    ).toEqual([{ resolution: "hidden", resolved_by: moderator.id }]);
    expect(await logFor(post.id)).toMatchObject([
      { action: "post.hide", actor_id: moderator.id, reason: "Personal attack", summary: `Hid post #${post.number}` },
    ]);

    expect(
      (await review(moderator.cookie, post.id, { intent: "restore", reason: "On reflection, fair criticism" })).status,
    ).toBe(302);
    expect(
      (await listThreadPage(getDb(), { threadId, page: 1, viewer: null })).find((p) => p.id === post.id)!.state,
    ).toBe("visible");
    expect((await logFor(post.id)).map((l) => l.action)).toEqual(["post.hide", "post.restore"]);
  });

  it("refuses a decision that would change nothing, whatever the page shows, and logs nothing for it", async () => {
    const author = await signedInMember();
    const moderator = await signedInMember("moderator");
    const post = await example(author.id, "A message nobody has flagged.");
    expect((await review(moderator.cookie, post.id, { intent: "restore", reason: "Nothing to restore" })).status).toBe(
      409,
    );
    expect((await review(moderator.cookie, post.id, { intent: "dismiss", reason: "No flags to dismiss" })).status).toBe(
      409,
    );
    expect((await review(moderator.cookie, post.id, { intent: "hide", reason: "Off topic" })).status).toBe(302);
    expect((await review(moderator.cookie, post.id, { intent: "hide", reason: "Hidden twice" })).status).toBe(409);
    expect(await logFor(post.id)).toMatchObject([{ action: "post.hide", reason: "Off topic" }]);
  });

  it("fixes an example's anonymisation, keeping the old words out of the log, and restores it", async () => {
    const author = await signedInMember();
    const flagger = await trusted(await signedInMember());
    const moderator = await signedInMember("moderator");
    const post = await example(author.id, "I asked Pellingworth about it and she said no.");
    await flagPost(getDb(), {
      postId: post.id,
      userId: flagger.id,
      reason: "not_anonymised",
      note: "Pellingworth is a surname",
      identifyingWords: "Pellingworth",
    });
    const preview = await review(moderator.cookie, post.id, {
      intent: "preview",
      text: "I asked Pellingworth about it and she said no.",
      remove: "name: Pellingworth", // a moderator may say what the words are
    });
    expect(
      preview.data.preview.body.map((s: { text?: string; placeholder?: string }) => s.text ?? s.placeholder).join(""),
    ).toBe("I asked [name] about it and she said no.");
    expect(
      (
        await review(moderator.cookie, post.id, {
          intent: "confirm",
          text: "I asked Pellingworth about it and she said no.",
          remove: "name: Pellingworth",
        })
      ).status,
    ).toBe(302);
    const stored = await getDb()
      .selectFrom("post")
      .select(["body", "review_pending_at"])
      .where("id", "=", post.id)
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe("I asked [name] about it and she said no.");
    expect(stored.review_pending_at).not.toBeNull(); // still withheld until the moderator restores it
    await review(moderator.cookie, post.id, { intent: "restore", reason: "Anonymised now" });
    expect(
      (await listThreadPage(getDb(), { threadId, page: 1, viewer: null })).find((p) => p.id === post.id)!.bodyHtml,
    ).toContain("[name]");
    const log = await logFor(post.id);
    expect(log.map((l) => l.action)).toEqual(["post.reanonymise", "post.restore"]);
    expect(JSON.stringify(log)).not.toContain("Pellingworth");
    const publicLog = await run(logLoader, loaderArgs(getRequest("/moderation-log")));
    expect(JSON.stringify(publicLog.data)).not.toContain("Pellingworth");
  });

  it.each(["constructor", "__proto__", "toString", "bogus"])(
    "refuses the intent %j with 400, not a crash or a pretend success",
    async (intent) => {
      const author = await signedInMember();
      const moderator = await signedInMember("moderator");
      const post = await example(author.id, "Nothing to see here.");
      expect((await review(moderator.cookie, post.id, { intent, reason: "fuzz" })).status).toBe(400);
    },
  );

  it("dismisses flags, showing a withheld message again", async () => {
    const author = await signedInMember();
    const flagger = await trusted(await signedInMember());
    const moderator = await signedInMember("moderator");
    const post = await example(author.id, "Happy to talk after the holidays.");
    await flagPost(getDb(), {
      postId: post.id,
      userId: flagger.id,
      reason: "not_anonymised",
      note: null,
      identifyingWords: "a name",
    });
    await review(moderator.cookie, post.id, { intent: "dismiss", reason: "Nothing identifying" });
    expect(
      (await listThreadPage(getDb(), { threadId, page: 1, viewer: null })).find((p) => p.id === post.id)!.state,
    ).toBe("visible");
    expect(await listFlagQueue(getDb()).then((q) => q.some((i) => i.postId === post.id))).toBe(false);
  });
});

describe("threads", () => {
  it("opens a prompt thread, edits it, locks and unlocks it, all logged", async () => {
    const moderator = await signedInMember("moderator");
    const created = await run(
      newThreadAction,
      actionArgs(
        formRequest(
          "/mod/threads/new",
          {
            intent: "save",
            title: "Cold messages from recruiters",
            prompt: "Which recruiter messages felt human?",
            context: "> a quote\n\nA note.",
          },
          moderator.cookie,
        ),
      ),
    );
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe("/threads/cold-messages-from-recruiters");
    const again = await run(
      newThreadAction,
      actionArgs(
        formRequest(
          "/mod/threads/new",
          { intent: "save", title: "Cold messages from recruiters", prompt: "Again?", context: "" },
          moderator.cookie,
        ),
      ),
    );
    expect(again.headers.get("Location")).toBe("/threads/cold-messages-from-recruiters-2");
    const bad = await run(
      newThreadAction,
      actionArgs(
        formRequest("/mod/threads/new", { intent: "save", title: "", prompt: "kept", context: "" }, moderator.cookie),
      ),
    );
    expect(bad).toMatchObject({
      status: 400,
      data: { errors: { title: "Give the thread a title." }, values: { prompt: "kept" } },
    });

    const slug = "cold-messages-from-recruiters";
    const act = (fields: Record<string, string>) =>
      run(threadModAction, actionArgs(formRequest(`/mod/threads/${slug}`, fields, moderator.cookie), { slug }));
    await act({ intent: "save", title: "Recruiters' cold messages", prompt: "Which felt human?", context: "Edited" });
    await act({ intent: "lock", reason: "Heated" });
    const member = await signedInMember();
    const post = await run(
      threadAction,
      actionArgs(formRequest(`/threads/${slug}`, { intent: "comment", body: "hello?" }, member.cookie), { slug }),
    );
    expect(post.status).toBe(403);
    await act({ intent: "unlock", reason: "Calmer now" });
    const thread = await getDb().selectFrom("thread").selectAll().where("slug", "=", slug).executeTakeFirstOrThrow();
    expect(thread).toMatchObject({ title: "Recruiters' cold messages", prompt: "Which felt human?", locked_at: null });
    const log = await getDb()
      .selectFrom("moderation_log")
      .select(["action", "reason"])
      .where("thread_id", "=", thread.id)
      .orderBy("id")
      .execute();
    expect(log).toEqual([
      { action: "thread.create", reason: null },
      { action: "thread.edit", reason: null },
      { action: "thread.lock", reason: "Heated" },
      { action: "thread.unlock", reason: "Calmer now" },
    ]);
  });
});

describe("roles", () => {
  it("an admin makes a member a moderator and revokes it; the demoted moderator loses every right at once", async () => {
    const admin = await signedInMember("admin");
    const member = await signedInMember();
    const grant = await run(
      membersAction,
      actionArgs(formRequest("/mod/members", { intent: "grant", userId: String(member.id) }, admin.cookie)),
    );
    expect(grant.status).toBe(302);
    expect((await run(modLayoutLoader, loaderArgs(getRequest("/mod", member.cookie)))).status).toBe(200);
    const revoke = await run(
      membersAction,
      actionArgs(formRequest("/mod/members", { intent: "revoke", userId: String(member.id) }, admin.cookie)),
    );
    expect(revoke.status).toBe(302);
    // The same session, its very next request: refused.
    expect((await run(modLayoutLoader, loaderArgs(getRequest("/mod", member.cookie)))).status).toBe(403);
    const log = await getDb()
      .selectFrom("moderation_log")
      .select(["action", "actor_id"])
      .where("target_user_id", "=", member.id)
      .orderBy("id")
      .execute();
    expect(log).toEqual([
      { action: "role.grant", actor_id: admin.id },
      { action: "role.revoke", actor_id: admin.id },
    ]);
    const other = await signedInMember("admin");
    expect(
      (
        await run(
          membersAction,
          actionArgs(formRequest("/mod/members", { intent: "revoke", userId: String(other.id) }, admin.cookie)),
        )
      ).status,
    ).toBe(409);
    const page = await run(
      membersLoader,
      loaderArgs(getRequest(`/mod/members?q=${member.username.slice(0, 8)}`, admin.cookie)),
    );
    expect(page.data.members.map((m: { username: string }) => m.username)).toContain(member.username);
  });
});

describe("the public moderation log", () => {
  it("lists actions newest first with who, what and why, paged", async () => {
    const moderator = await signedInMember("moderator");
    const author = await signedInMember();
    const posts = await Promise.all(
      Array.from({ length: 3 }, (_, i) => addComment(getDb(), { threadId, authorId: author.id, body: `c${i}` })),
    );
    for (const post of posts)
      await review(moderator.cookie, post.id, { intent: "hide", reason: `reason for ${post.number}` });
    const page = await run(logLoader, loaderArgs(getRequest("/moderation-log")));
    const top = page.data.entries.slice(0, 3);
    expect(top.map((e: { reason: string }) => e.reason)).toEqual(posts.map((p) => `reason for ${p.number}`).reverse());
    expect(top[0]).toMatchObject({ actor: moderator.username, action: "post.hide", post_thread_slug: SLUG });
    // The page names the thread of the post ("Hid post #2 in “…”"), so the query brings its title.
    const thread = await getDb()
      .selectFrom("thread")
      .select("title")
      .where("slug", "=", SLUG)
      .executeTakeFirstOrThrow();
    expect(top[0].post_thread_title).toBe(thread.title);
  });
});

describe("every moderator and admin action refuses those without the role, changing nothing", () => {
  type Case = { name: string; send: (cookie?: string) => Promise<{ status: number }>; adminOnly?: boolean };
  let cases: Case[];
  let target: { id: number };
  let member: Awaited<ReturnType<typeof signedInMember>>;

  beforeAll(async () => {
    const author = await signedInMember();
    member = await signedInMember();
    target = await example(author.id, "A message for the authorization table.");
    await flagPost(getDb(), { postId: target.id, userId: member.id, reason: "spam", note: null });
    const post = (fields: Record<string, string>) => (cookie?: string) => review(cookie ?? "", target.id, fields);
    cases = [
      { name: "hide a post", send: post({ intent: "hide", reason: "x" }) },
      { name: "restore a post", send: post({ intent: "restore", reason: "x" }) },
      { name: "dismiss flags", send: post({ intent: "dismiss", reason: "x" }) },
      { name: "re-anonymise a post", send: post({ intent: "confirm", text: "Rewritten by an intruder" }) },
      {
        name: "open a thread",
        send: (cookie) =>
          run(
            newThreadAction,
            actionArgs(
              formRequest("/mod/threads/new", { intent: "save", title: "Intruder", prompt: "p", context: "" }, cookie),
            ),
          ),
      },
      {
        name: "edit a thread",
        send: (cookie) =>
          run(
            threadModAction,
            actionArgs(
              formRequest(
                `/mod/threads/${SLUG}`,
                { intent: "save", title: "Intruder", prompt: "p", context: "" },
                cookie,
              ),
              { slug: SLUG },
            ),
          ),
      },
      {
        name: "lock a thread",
        send: (cookie) =>
          run(
            threadModAction,
            actionArgs(formRequest(`/mod/threads/${SLUG}`, { intent: "lock", reason: "x" }, cookie), { slug: SLUG }),
          ),
      },
      { name: "see the flag queue", send: (cookie) => run(queueLoader, loaderArgs(getRequest("/mod", cookie))) },
      {
        name: "grant the moderator role",
        adminOnly: true,
        send: (cookie) =>
          run(
            membersAction,
            actionArgs(formRequest("/mod/members", { intent: "grant", userId: String(member.id) }, cookie)),
          ),
      },
      {
        name: "see the members page",
        adminOnly: true,
        send: (cookie) => run(membersLoader, loaderArgs(getRequest("/mod/members", cookie))),
      },
    ];
  });

  async function snapshot() {
    const db = getDb();
    return JSON.stringify(
      await Promise.all([
        db.selectFrom("post").selectAll().where("id", "=", target.id).execute(),
        db.selectFrom("post_revision").selectAll().where("post_id", "=", target.id).execute(),
        db.selectFrom("flag").selectAll().where("post_id", "=", target.id).execute(),
        db.selectFrom("thread").selectAll().orderBy("id").execute(),
        db.selectFrom("user").select(["id", "role"]).orderBy("id").execute(),
        db
          .selectFrom("moderation_log")
          .select((eb) => eb.fn.countAll().as("n"))
          .execute(),
      ]),
    );
  }

  it("as a visitor (sent to sign in), a member (403) and, for admin actions, a moderator (403)", async () => {
    const moderator = await signedInMember("moderator");
    const before = await snapshot();
    for (const c of cases) {
      const visitor = await c.send(undefined);
      const asMember = await c.send(member.cookie);
      expect(visitor.status, c.name).toBe(302);
      expect(asMember.status, c.name).toBe(403);
      if (c.adminOnly) expect((await c.send(moderator.cookie)).status, c.name).toBe(403);
    }
    expect(cases.length).toBeGreaterThan(0);
    expect(await snapshot()).toBe(before);
  });
});

describe("two moderators at once (issue 13)", () => {
  it("carries out a decision once: whether it still applies is checked in the change itself", async () => {
    const author = await signedInMember();
    const post = await example(author.id, "Two moderators will look at this at once.");
    const moderators = await Promise.all([1, 2, 3, 4].map(() => signedInMember("moderator")));
    const hides = await Promise.all(
      moderators.map((m) => review(m.cookie, post.id, { intent: "hide", reason: "Off topic" })),
    );
    expect(hides.map((r) => r.status).sort()).toEqual([302, 409, 409, 409]);
    expect((await logFor(post.id)).filter((entry) => entry.action === "post.hide")).toHaveLength(1);
    const restores = await Promise.all(
      moderators.map((m) => review(m.cookie, post.id, { intent: "restore", reason: "On topic after all" })),
    );
    expect(restores.map((r) => r.status).sort()).toEqual([302, 409, 409, 409]);
    expect((await logFor(post.id)).filter((entry) => entry.action === "post.restore")).toHaveLength(1);
  });
});
