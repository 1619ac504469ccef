// Search (issue 16): the query language, diacritics and CJK, and that the index follows every write
// that changes what readers see, on the real migrated database (SQLite, and PostgreSQL with TEST_DATABASE_URL).
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { flagPost, withdrawFlag } from "../../app/models/flag.server";
import { addEntry, removeEntry, updateEntryNote } from "../../app/models/guide-entry.server";
import { createSection } from "../../app/models/guide-section.server";
import { createThread, decideOnPost, reanonymisePost, updateThread } from "../../app/models/moderation.server";
import { addComment, addExampleMessage, deletePost, editComment } from "../../app/models/post.server";
import { searchForum } from "../../app/models/search.server";
import { deleteAccount } from "../../app/models/user.server";
import { loader as searchLoader } from "../../app/routes/search";
import type { Actor } from "../../app/utils/permissions";
import { parseSearchQuery } from "../../app/utils/search-query";
import { rebuildSearchIndex } from "../../db/search-documents";
import { seed } from "../../db/seed";
import { getRequest, loaderArgs, run, sessionCookieFor, signedInMember } from "../setup/requests";

const DAY = 24 * 60 * 60 * 1000;
let threadId: number;
let otherThreadId: number;
let alice: Actor & { username: string };
let bob: Actor & { username: string };
let mod: Actor & { id: number };

async function find(q: string, viewer: Actor | null = null, includeHidden = false, page = 1) {
  return searchForum(getDb(), { query: parseSearchQuery(q), viewer, includeHidden, page });
}
/** The plain text of each result's snippet, in order. */
async function texts(q: string, viewer: Actor | null = null, includeHidden = false) {
  return (await find(q, viewer, includeHidden)).results.map((r) => r.snippet.map((p) => p.text).join(""));
}

function example(authorId: number, text: string, kind: "approach" | "received_reply" = "approach", thread = threadId) {
  return addExampleMessage(getDb(), {
    threadId: thread,
    authorId,
    kind,
    draft: { text, contextLine: "", remove: [], keep: [] },
  });
}

beforeAll(async () => {
  const db = getDb();
  await seed(db);
  threadId = (
    await db.selectFrom("thread").select("id").where("slug", "=", "meeting-in-person").executeTakeFirstOrThrow()
  ).id;
  otherThreadId = (
    await db.selectFrom("thread").select("id").where("slug", "!=", "meeting-in-person").executeTakeFirstOrThrow()
  ).id;
  alice = await signedInMember();
  bob = await signedInMember();
  mod = await signedInMember("moderator");
  // Old enough that their "not anonymised" flags withhold at once.
  await db
    .updateTable("user")
    .set({ created_at: Date.now() - 2 * DAY })
    .where("id", "in", [bob.id, mod.id])
    .execute();
});

describe("words, phrases, prefixes and exclusions", () => {
  it("finds posts having every word, stemmed, in any order", async () => {
    await addComment(getDb(), {
      threadId,
      authorId: alice.id,
      body: "I followed up twice after the quarterly offsite.",
    });
    await addComment(getDb(), { threadId, authorId: alice.id, body: "Following the offsite I waited a week." });
    expect(await texts("offsite twice")).toEqual(["I followed up twice after the quarterly offsite."]);
    expect((await texts("follow offsite")).length).toBe(2);
  });

  it("an exact phrase matches the words in that order only", async () => {
    await addComment(getDb(), { threadId, authorId: alice.id, body: "The coffee was cold, the reply was warm." });
    await addComment(getDb(), { threadId, authorId: alice.id, body: "A warm reply beats cold coffee." });
    expect(await texts('"warm reply"')).toEqual(["A warm reply beats cold coffee."]);
    expect((await texts("warm reply")).length).toBe(2);
  });

  it("-word excludes, word* matches the start of words", async () => {
    await addComment(getDb(), { threadId, authorId: alice.id, body: "Zebrafish are a conversation starter." });
    await addComment(getDb(), { threadId, authorId: alice.id, body: "Zebras never are, at conferences." });
    expect((await texts("zebra*")).length).toBe(2);
    expect(await texts("zebra* -conferences")).toEqual(["Zebrafish are a conversation starter."]);
    expect(await texts("zebra")).toEqual(["Zebras never are, at conferences."]);
  });

  it("marks the matched words in the snippet, and carries no markup from the post", async () => {
    await addComment(getDb(), {
      threadId,
      authorId: alice.id,
      body: 'Try <script>alert("x")</script> then **pineapples** <b>bold</b>',
    });
    const [result] = (await find("pineapple")).results;
    expect(result.snippet.filter((p) => p.marked).map((p) => p.text)).toEqual(["pineapples"]);
    expect(result.snippet.map((p) => p.text).join("")).toContain('<script>alert("x")</script>');
    expect(result.href).toMatch(/^\/threads\/meeting-in-person\?page=1#post-\d+$/);
  });
});

describe("languages", () => {
  it('diacritics fold both ways: "Zoë" finds "Zoe" and "Zoe" finds "Zoë"', async () => {
    await addComment(getDb(), { threadId, authorId: alice.id, body: "Ask Zoe about the kumquat tasting." });
    await addComment(getDb(), { threadId, authorId: alice.id, body: "Zoë said the café was crowded." });
    expect((await texts("Zoë")).length).toBe(2);
    expect((await texts("zoe")).length).toBe(2);
    expect(await texts("cafe")).toEqual(["Zoë said the café was crowded."]);
  });

  it("finds Japanese and Chinese words inside unspaced text, down to one character", async () => {
    await addComment(getDb(), { threadId, authorId: alice.id, body: "昨日の会議で名刺を交換しました。" });
    await addComment(getDb(), { threadId, authorId: alice.id, body: "我在会议上认识了他，然后发了消息。" });
    expect(await texts("名刺")).toEqual(["昨日の会議で名刺を交換しました。"]);
    expect(await texts("认识了")).toEqual(["我在会议上认识了他，然后发了消息。"]);
    expect((await texts("会")).length).toBe(2);
    expect(await texts("消息 -名刺")).toEqual(["我在会议上认识了他，然后发了消息。"]);
    const marked = (await find("名刺")).results[0].snippet.filter((p) => p.marked).map((p) => p.text);
    expect(marked).toEqual(["名刺"]);
  });
});

describe("filters and sorting", () => {
  it("kind:, by:, thread: and in:guide narrow the results", async () => {
    await example(bob.id, "Would love to hear about your lighthouse restoration project.");
    await example(alice.id, "Thanks, but a lighthouse chat is not for me.", "received_reply");
    await addComment(getDb(), {
      threadId: otherThreadId,
      authorId: alice.id,
      body: "Lighthouse keepers answer slowly.",
    });
    expect((await find("lighthouse")).count).toBe(3);
    expect(await texts("lighthouse kind:approach")).toEqual([
      "Would love to hear about your lighthouse restoration project.",
    ]);
    expect(await texts("lighthouse kind:reply")).toEqual(["Thanks, but a lighthouse chat is not for me."]);
    expect(await texts("lighthouse kind:comment")).toEqual(["Lighthouse keepers answer slowly."]);
    expect((await texts(`lighthouse by:${alice.username}`)).length).toBe(2);
    expect((await texts(`lighthouse by:@${bob.username.toUpperCase()}`)).length).toBe(1);
    expect((await texts("lighthouse thread:meeting-in-person")).length).toBe(2);
    expect(await texts("lighthouse thread:no-such-thread")).toEqual([]);
    expect(await texts(`by:${bob.username}`)).toEqual([
      "Would love to hear about your lighthouse restoration project.",
    ]);
  });

  it("sort:new puts the newest first; sort:top the most authentic", async () => {
    const older = await example(bob.id, "Walrus opener number one.");
    const newer = await example(bob.id, "Walrus opener number two.");
    await getDb().updateTable("post").set({ authenticity_rank: 0.9 }).where("id", "=", older.id).execute();
    await getDb().updateTable("post").set({ authenticity_rank: 0.1 }).where("id", "=", newer.id).execute();
    expect(await texts("walrus sort:new")).toEqual(["Walrus opener number two.", "Walrus opener number one."]);
    expect(await texts("walrus sort:top")).toEqual(["Walrus opener number one.", "Walrus opener number two."]);
    // Same words, same score: the authenticity rank breaks the tie.
    expect(await texts("walrus")).toEqual(["Walrus opener number one.", "Walrus opener number two."]);
  });

  it("a thread's title weighs more than a body, and threads are found by their prompt", async () => {
    const thread = await createThread(getDb(), {
      moderatorId: mod.id,
      text: { title: "Marmalade introductions", prompt: "What do you say first?", context: "Context here." },
    });
    await addComment(getDb(), { threadId, authorId: alice.id, body: "Marmalade is a bad topic, marmalade or not." });
    const { results } = await find("marmalade");
    expect(results[0]).toMatchObject({ kind: "thread", href: `/threads/${thread.slug}` });
    await updateThread(getDb(), {
      threadId: thread.id,
      moderatorId: mod.id,
      text: { title: "Jam introductions", prompt: "What do you say first?", context: "Context here." },
    });
    expect((await find("marmalade")).results.map((r) => r.kind)).toEqual(["comment"]);
    expect((await find("jam")).results.map((r) => r.kind)).toEqual(["thread"]);
  });

  it("pages by 20 with a count", async () => {
    for (let i = 0; i < 23; i++) await addComment(getDb(), { threadId, authorId: alice.id, body: `Okapi note ${i}.` });
    const first = await find("okapi");
    expect(first).toMatchObject({ count: 23, pageCount: 2 });
    expect(first.results).toHaveLength(20);
    expect((await find("okapi", null, false, 2)).results).toHaveLength(3);
  });
});

describe("the index follows every write that changes what readers see", () => {
  it("an edit replaces the words; a delete removes the post", async () => {
    const post = await addComment(getDb(), { threadId, authorId: alice.id, body: "Iguana talk." });
    await editComment(getDb(), { postId: post.id, editorId: alice.id, body: "Axolotl talk." });
    expect(await texts("iguana")).toEqual([]);
    expect(await texts("axolotl")).toEqual(["Axolotl talk."]);
    await deletePost(getDb(), { postId: post.id, authorId: alice.id });
    expect(await texts("axolotl", mod, true)).toEqual([]);
  });

  it("hidden posts are found by moderators who ask for them only; restored ones by all", async () => {
    const post = await addComment(getDb(), { threadId, authorId: alice.id, body: "Narwhal advice." });
    await decideOnPost(getDb(), "hide", { postId: post.id, moderatorId: mod.id, reason: "spam" });
    expect(await texts("narwhal")).toEqual([]);
    expect(await texts("narwhal", alice)).toEqual([]);
    expect(await texts("narwhal", mod)).toEqual([]);
    expect(await texts("narwhal", alice, true)).toEqual([]); // the filter is for moderators only
    const [hidden] = (await find("narwhal", mod, true)).results;
    expect(hidden).toMatchObject({ hidden: true });
    await decideOnPost(getDb(), "restore", { postId: post.id, moderatorId: mod.id, reason: "fine" });
    expect(await texts("narwhal")).toEqual(["Narwhal advice."]);
  });

  it("a message withheld by a flag leaves the results until the flag is withdrawn", async () => {
    const post = await example(alice.id, "Platypus greetings from me.");
    expect(
      await flagPost(getDb(), {
        postId: post.id,
        userId: bob.id,
        reason: "not_anonymised",
        note: null,
        identifyingWords: "Platypus",
      }),
    ).toBe("withheld");
    expect(await texts("platypus")).toEqual([]);
    expect((await texts("platypus", mod, true)).length).toBe(1);
    await withdrawFlag(getDb(), { postId: post.id, userId: bob.id });
    expect((await texts("platypus")).length).toBe(1);
  });

  it("an anonymisation fix removes the words from the index, and from the guide entry's", async () => {
    const post = await example(alice.id, "Ask about the quetzal fair at noon.");
    const section = await createSection(getDb(), { actorId: mod.id, title: "Openers", intro: "Intro." });
    const entry = await addEntry(getDb(), { actorId: mod.id, postId: post.id, sectionId: section.id, note: "Short." });
    expect((await find("quetzal")).results.map((r) => r.kind).sort()).toEqual(["approach", "guide_entry"]);
    await reanonymisePost(getDb(), {
      postId: post.id,
      moderatorId: mod.id,
      reason: "a company",
      draft: { text: "Ask about the quetzal fair at noon.", contextLine: "", remove: ["quetzal"], keep: [] },
    });
    expect((await find("quetzal", mod, true)).results).toEqual([]);
    expect((await find("fair noon")).count).toBe(2);
    await updateEntryNote(getDb(), { actorId: mod.id, entryId: entry.id, note: "Capybara-level calm." });
    expect((await find("capybara in:guide")).results.map((r) => r.kind)).toEqual(["guide_entry"]);
    const [guide] = (await find("capybara")).results;
    expect(guide.href).toBe(`/guide#guide-entry-${entry.id}`);
    expect(guide.score).toEqual({ authentic: 0, votes: 0 }); // the guide shows scores to everyone
    await removeEntry(getDb(), { actorId: mod.id, entryId: entry.id });
    expect(await texts("capybara")).toEqual([]);
  });

  it("a deleted account's name finds nothing, and its posts show a former member", async () => {
    const leaver = await signedInMember();
    await addComment(getDb(), { threadId, authorId: leaver.id, body: "Pangolin farewell." });
    expect((await find(`by:${leaver.username}`)).count).toBe(1);
    await deleteAccount(getDb(), { userId: leaver.id });
    expect((await find(`by:${leaver.username}`)).count).toBe(0);
    expect((await find("pangolin")).results[0].author).toBeNull();
  });

  it("rebuilding gives the same results", async () => {
    const before = await texts("lighthouse");
    await rebuildSearchIndex(getDb());
    expect(await texts("lighthouse")).toEqual(before);
  });
});

describe("any input is a query", () => {
  it("2,000 random malformed queries never throw", async () => {
    let seedValue = 16;
    const random = () => (seedValue = (seedValue * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      '"',
      "'",
      "*",
      "-",
      ":",
      "(",
      ")",
      "^",
      "{",
      "}",
      "NOT",
      "AND",
      "OR",
      "NEAR",
      "&",
      "|",
      "!",
      "<->",
      "\\",
      "kind:",
      "by:",
      "thread:",
      "sort:",
      " ",
      "é",
      "会",
      "a",
      "zoe",
      "\u0000",
      "%",
      "_",
      "?",
      "+",
      "~",
      "@",
    ];
    for (let i = 0; i < 2000; i++) {
      const length = 1 + Math.floor(random() * 30);
      const q = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
        random() < 0.5 ? "" : " ",
      );
      await expect(find(q, mod, true)).resolves.toBeDefined();
    }
    await expect(find("!".repeat(2000))).resolves.toMatchObject({ count: 0 });
    await expect(find('"unbalanced quote zoe')).resolves.toBeDefined();
  });
});

describe("the /search page", () => {
  const page = (query: string, cookie?: string) =>
    run(searchLoader, loaderArgs(getRequest(`/search?${query}`, cookie)));

  it("answers any query, shows no hidden posts unless a moderator asks, and refuses a bad page number", async () => {
    const post = await addComment(getDb(), { threadId, authorId: alice.id, body: "Hedgehog etiquette." });
    await decideOnPost(getDb(), "hide", { postId: post.id, moderatorId: mod.id, reason: "spam" });
    const member = await page("q=hedgehog&hidden=1", await sessionCookieFor(alice.id));
    expect(member).toMatchObject({ status: 200, data: { includeHidden: false, found: { count: 0 } } });
    const moderator = await page("q=hedgehog&hidden=1", await sessionCookieFor(mod.id));
    expect(moderator.data.found.count).toBe(1);
    expect((await page("q=hedgehog&page=0")).status).toBe(404);
    expect((await page("")).data.found).toBeNull();
    expect((await page(`q=${encodeURIComponent('"(*'.repeat(700))}`)).status).toBe(200);
  });
});
