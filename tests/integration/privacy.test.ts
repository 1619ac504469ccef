/**
 * Words that left public view leak through nothing (issue 12, decision 0009). For each way a
 * post leaves it — a moderator's fix of its anonymisation, hiding, withholding by a flag,
 * deletion, account deletion — every loader and action answer that shows posts (the same data a
 * page renders and its `.data` request carries) is read as a visitor, another member and, where
 * the author must not see them either, the author; none may hold the words. Each test first
 * checks that the words were there to find.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { flagPost } from "../../app/models/flag.server";
import { addEntry } from "../../app/models/guide-entry.server";
import { createSection } from "../../app/models/guide-section.server";
import { decideOnPost } from "../../app/models/moderation.server";
import { addExampleMessage, deletePost, editExampleMessage } from "../../app/models/post.server";
import { deleteAccount } from "../../app/models/user.server";
import { castVote } from "../../app/models/vote.server";
import { loader as indexLoader } from "../../app/routes/_index";
import { loader as guideLoader } from "../../app/routes/guide";
import { loader as guideMarkdownLoader } from "../../app/routes/guide[.md]";
import { loader as modLayoutLoader } from "../../app/routes/mod";
import { loader as modGuideLoader } from "../../app/routes/mod.guide";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/mod.posts.$postId";
import { loader as logLoader } from "../../app/routes/moderation-log";
import { loader as flagLoader } from "../../app/routes/posts_.$postId.flag";
import { loader as historyLoader } from "../../app/routes/posts_.$postId.history";
import { action as voteAction } from "../../app/routes/posts_.$postId.vote";
import { loader as threadLoader } from "../../app/routes/threads.$slug";
import { loader as memberLoader } from "../../app/routes/u.$username";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";

const SLUG = "beyond-the-basics";
const DAY = 24 * 60 * 60 * 1000;
let threadId: number;
let sectionId: number;
let moderator: Awaited<ReturnType<typeof signedInMember>>;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
  moderator = await signedInMember("moderator");
  sectionId = (await createSection(getDb(), { actorId: moderator.id, title: "Privacy checks", intro: "" })).id;
});

type Member = Awaited<ReturnType<typeof signedInMember>>;

/**
 * An approach naming `marker`, edited once (so it has history), answered by a received reply
 * linked to it (which quotes it), voted on, and added to the guide.
 */
async function exampleWithEverything(author: Member, marker: string) {
  const draft = (text: string) => ({ text, contextLine: `after the ${marker} meetup`, remove: [], keep: [] });
  const approach = await addExampleMessage(getDb(), {
    threadId,
    authorId: author.id,
    kind: "approach",
    draft: draft(`we met at the ${marker} office; could we talk about the plan?`),
  });
  await editExampleMessage(getDb(), {
    postId: approach.id,
    editorId: author.id,
    draft: draft(`we met at the ${marker} office; could we talk about the plan soon?`),
  });
  await addExampleMessage(getDb(), {
    threadId,
    authorId: author.id,
    kind: "received_reply",
    approachId: approach.id,
    draft: { text: "Thanks, happy to talk next week.", contextLine: "", remove: [], keep: [] },
  });
  const voter = await signedInMember();
  await castVote(getDb(), { postId: approach.id, userId: voter.id, choice: { value: "authentic" } });
  await addEntry(getDb(), { actorId: moderator.id, postId: approach.id, sectionId, note: "Specific and warm." });
  return approach;
}

/** Everything a person can read that shows posts, as text: loaders' data (what `.data` sends) and downloads. */
async function everythingSeenBy(cookie: string | undefined, { postId, author }: { postId: number; author: string }) {
  const id = String(postId);
  const answers = await Promise.all([
    run(indexLoader, loaderArgs(getRequest("/", cookie))),
    ...["", "?sort=top", "?sort=new"].map((q) =>
      run(threadLoader, loaderArgs(getRequest(`/threads/${SLUG}${q}`, cookie), { slug: SLUG })),
    ),
    ...["", "?sort=top"].map((q) =>
      run(memberLoader, loaderArgs(getRequest(`/u/${author}${q}`, cookie), { username: author })),
    ),
    run(historyLoader, loaderArgs(getRequest(`/posts/${id}/history`, cookie), { postId: id })),
    run(guideLoader, loaderArgs(getRequest("/guide", cookie))),
    run(logLoader, loaderArgs(getRequest("/moderation-log", cookie))),
    run(flagLoader, loaderArgs(getRequest(`/posts/${id}/flag`, cookie), { postId: id })),
    run(modLayoutLoader, loaderArgs(getRequest("/mod", cookie))),
    run(modGuideLoader, loaderArgs(getRequest("/mod/guide", cookie))),
    run(reviewLoader, loaderArgs(getRequest(`/mod/posts/${id}`, cookie), { postId: id })),
  ]);
  const texts = answers.map((a) => JSON.stringify(a.data));
  const markdown = await guideMarkdownLoader(loaderArgs(getRequest("/guide.md", cookie)));
  texts.push(await markdown.text());
  if (cookie) {
    for (const choice of ["withdraw", "authentic", "withdraw"]) {
      const vote = await run(
        voteAction,
        actionArgs(formRequest(`/posts/${id}/vote`, { choice, mode: "fetch" }, cookie), { postId: id }),
      );
      texts.push(JSON.stringify(vote.data));
    }
  }
  return texts.join("\n").toLowerCase();
}

async function viewers() {
  return { visitor: undefined, member: (await signedInMember()).cookie };
}

function expectAbsent(seen: string, words: string[]) {
  for (const word of words) expect(seen, `"${word}" leaked`).not.toContain(word.toLowerCase());
}

describe("a moderator's fix of the anonymisation", () => {
  it("leaves the removed words nowhere: pages, data, history, guide, excerpts, for visitor, member and author", async () => {
    const author = await signedInMember();
    const approach = await exampleWithEverything(author, "glimmerfax");
    // A second detail, named in the text only, that the moderator lists for removal.
    await editExampleMessage(getDb(), {
      postId: approach.id,
      editorId: author.id,
      draft: {
        text: "we met at the glimmerfax office; ask zorbleton about the plan soon?",
        contextLine: "after the glimmerfax meetup",
        remove: [],
        keep: [],
      },
    });
    const { visitor, member } = await viewers();
    const target = { postId: approach.id, author: author.username };
    expect(await everythingSeenBy(visitor, target)).toContain("glimmerfax");
    expect(await everythingSeenBy(author.cookie, target)).toContain("zorbleton");

    // The moderator deletes one word by hand and lists the other to remove.
    const fixed = await run(
      reviewAction,
      actionArgs(
        formRequest(
          `/mod/posts/${approach.id}`,
          {
            intent: "confirm",
            text: "we met at the office; ask zorbleton about the plan soon?",
            contextLine: "after the meetup",
            remove: "zorbleton",
          },
          moderator.cookie,
        ),
        { postId: String(approach.id) },
      ),
    );
    expect(fixed.status).toBe(302);

    for (const cookie of [visitor, member, author.cookie, moderator.cookie]) {
      expectAbsent(await everythingSeenBy(cookie, target), ["glimmerfax", "zorbleton"]);
    }
    // The word-level diff of the history compares redacted versions only: no removed word as added or deleted.
    const history = await run(
      historyLoader,
      loaderArgs(getRequest(`/posts/${approach.id}/history`, moderator.cookie), { postId: String(approach.id) }),
    );
    const diffs = [history.data.currentChanges, ...history.data.revisions.map((r: { changes: unknown }) => r.changes)];
    expect(diffs.filter(Boolean).length).toBeGreaterThanOrEqual(3);
    expectAbsent(JSON.stringify(diffs).toLowerCase(), ["glimmerfax", "zorbleton"]);
    // Nothing left in the database to leak later either.
    const revisions = await getDb()
      .selectFrom("post_revision")
      .selectAll()
      .where("post_id", "=", approach.id)
      .execute();
    expect(revisions.length).toBeGreaterThanOrEqual(3);
    expectAbsent(JSON.stringify(revisions).toLowerCase(), ["glimmerfax", "zorbleton"]);
    const entry = await getDb().selectFrom("guide_entry").selectAll().where("post_id", "=", approach.id).execute();
    expectAbsent(JSON.stringify(entry).toLowerCase(), ["glimmerfax", "zorbleton"]);
    const log = await getDb().selectFrom("moderation_log").selectAll().where("post_id", "=", approach.id).execute();
    expect(log.map((l) => l.summary)).toContainEqual(expect.stringMatching(/earlier versions redacted/));
  });

  it("an author's edit that takes a detail out takes it out of the earlier versions too", async () => {
    const author = await signedInMember();
    const approach = await exampleWithEverything(author, "quorvantis");
    await editExampleMessage(getDb(), {
      postId: approach.id,
      editorId: author.id,
      draft: {
        text: "we met at the office; could we talk about the plan soon?",
        contextLine: "",
        remove: [],
        keep: [],
      },
    });
    const target = { postId: approach.id, author: author.username };
    expectAbsent(await everythingSeenBy(author.cookie, target), ["quorvantis"]);
    expectAbsent(await everythingSeenBy(moderator.cookie, target), ["quorvantis"]);
  });
});

describe("an example message's history", () => {
  it("is seen by its author and moderators only; a comment's stays public", async () => {
    const author = await signedInMember();
    const approach = await exampleWithEverything(author, "history");
    const history = (cookie?: string) =>
      run(
        historyLoader,
        loaderArgs(getRequest(`/posts/${approach.id}/history`, cookie), { postId: String(approach.id) }),
      );
    expect((await history()).status).toBe(404);
    expect((await history((await signedInMember()).cookie)).status).toBe(404);
    expect((await history(author.cookie)).data.revisions.length).toBe(1);
    expect((await history(moderator.cookie)).data.revisions.length).toBe(1);
    // The current version shows its changes from the one before as words, not HTML.
    const { currentChanges } = (await history(author.cookie)).data;
    expect(currentChanges.some((p: { kind: string }) => p.kind !== "same")).toBe(true);
    // The thread links "edited" to the history only for those who may open it.
    const thread = await run(threadLoader, loaderArgs(getRequest(`/threads/${SLUG}`), { slug: SLUG }));
    expect(thread.data.posts.find((p: { id: number }) => p.id === approach.id).historyVisible).toBe(false);
  });
});

describe("a post that leaves public view leaks through nothing", () => {
  const ways: [string, (post: { id: number }, author: Member) => Promise<unknown>][] = [
    [
      "hidden by a moderator",
      (post) => decideOnPost(getDb(), "hide", { postId: post.id, moderatorId: moderator.id, reason: "Names someone" }),
    ],
    [
      "withheld by a trusted member's flag",
      async (post) => {
        const flagger = await signedInMember();
        await getDb()
          .updateTable("user")
          .set({ created_at: Date.now() - 2 * DAY })
          .where("id", "=", flagger.id)
          .execute();
        return flagPost(getDb(), {
          postId: post.id,
          userId: flagger.id,
          reason: "not_anonymised",
          note: null,
          identifyingWords: "the office",
        });
      },
    ],
    ["deleted by its author", (post, author) => deletePost(getDb(), { postId: post.id, authorId: author.id })],
  ];

  it.each(ways)("%s", async (_way, act) => {
    const author = await signedInMember();
    const marker = `vexmarrow${Math.random().toString(36).slice(2, 7)}`;
    const approach = await exampleWithEverything(author, marker);
    const target = { postId: approach.id, author: author.username };
    const { visitor, member } = await viewers();
    expect(await everythingSeenBy(visitor, target)).toContain(marker);
    await act(approach, author);
    for (const cookie of [visitor, member]) expectAbsent(await everythingSeenBy(cookie, target), [marker]);
  });

  it("account deletion: the member's name is gone wherever their posts are shown, and what was hidden stays hidden", async () => {
    const author = await signedInMember();
    const marker = `wendlethorp${Math.random().toString(36).slice(2, 7)}`;
    const approach = await exampleWithEverything(author, marker);
    await decideOnPost(getDb(), "hide", { postId: approach.id, moderatorId: moderator.id, reason: "Names someone" });
    const target = { postId: approach.id, author: author.username };
    const { visitor, member } = await viewers();
    expect(await everythingSeenBy(visitor, target)).toContain(author.username.toLowerCase());
    await deleteAccount(getDb(), { userId: author.id });
    // (Moderators' review pages still name the account, which they may need to act on.)
    for (const cookie of [visitor, member])
      expectAbsent(await everythingSeenBy(cookie, target), [author.username, marker]);
  });
});
