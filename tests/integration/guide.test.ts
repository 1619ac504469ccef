import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { getGuide } from "../../app/models/guide.server";
import { addComment, addExampleMessage, editExampleMessage } from "../../app/models/post.server";
import { loader as guideLoader } from "../../app/routes/guide";
import { loader as guideMarkdownLoader } from "../../app/routes/guide[.md]";
import { loader as historyLoader } from "../../app/routes/guide_.history";
import { action as editorAction, loader as editorLoader } from "../../app/routes/mod.guide";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, ORIGIN, run, signedInMember } from "../setup/requests";

// Absolute links come from the SITE_URL setting, never from the request's own address (ORIGIN, issue 13).
const SITE = "https://forum.example";
process.env.SITE_URL = SITE;

type Moderator = Awaited<ReturnType<typeof signedInMember>>;

let moderator: Moderator;
/** The seeded article's example messages, in the order they were posted. */
let examples: { id: number; number: number; threadId: number; slug: string }[];

beforeAll(async () => {
  await seed(getDb());
  moderator = await signedInMember("moderator");
  examples = await getDb()
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select(["post.id", "post.number", "post.thread_id as threadId", "thread.slug"])
    .where("post.kind", "!=", "comment")
    .orderBy("post.id")
    .execute();
  expect(examples.length).toBe(7);
});

/**
 * Posts a form to /mod/guide as the moderator, another member, or (null) a visitor. An "add-entry" form
 * always carries a mark ("Do" is checked when it opens); tests/integration/guide-marks.test.ts covers the mark.
 */
function send(fields: Record<string, string>, cookie: string | null = moderator.cookie) {
  const sent = fields.intent === "add-entry" && !("mark" in fields) ? { ...fields, mark: "do" } : fields;
  return run(editorAction, actionArgs(formRequest("/mod/guide", sent, cookie ?? undefined)));
}

async function newSection(title: string, intro = "") {
  const result = await send({ intent: "create-section", title, intro });
  expect(result.status).toBe(302);
  return getDb()
    .selectFrom("guide_section")
    .selectAll()
    .where("title", "=", title)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
}

async function newEntry(postId: number, sectionId: number, note = "Asks about them, not about you.") {
  const result = await send({ intent: "add-entry", postId: String(postId), sectionId: String(sectionId), note });
  expect(result.status, JSON.stringify(result.data)).toBe(302);
  return getDb().selectFrom("guide_entry").selectAll().where("post_id", "=", postId).executeTakeFirstOrThrow();
}

async function sectionById(sectionId: number, includeWithdrawn = false) {
  return (await getGuide(getDb(), { includeWithdrawn })).find((s) => s.id === sectionId);
}

async function logCount() {
  return Number(
    (
      await getDb()
        .selectFrom("moderation_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

async function lastLog() {
  return getDb().selectFrom("moderation_log").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
}

async function clearGuide() {
  await getDb().deleteFrom("guide_section").execute();
}

describe("curating the guide", () => {
  it("creates sections, adds, reorders, moves, edits and removes entries, logging each change as the moderator", async () => {
    await clearGuide();
    const logsBefore = await logCount();
    const openers = await newSection("Openers that work", "Start with **them**.");
    expect(openers.slug).toBe("openers-that-work");
    expect(openers.intro_html).toContain("<strong>them</strong>");
    const avoid = await newSection("What to avoid");
    expect(avoid.position).toBe(openers.position + 1);

    const first = await newEntry(examples[0].id, openers.id, "It asks a *real* question.");
    const second = await newEntry(examples[1].id, openers.id, "Short and specific.");
    expect(first.note_html).toContain("<em>real</em>");
    expect(second.position).toBe(first.position + 1);
    let section = await sectionById(openers.id);
    expect(section!.entries.map((e) => e.id)).toEqual([first.id, second.id]);
    expect(section!.entries[0].message).toMatchObject({
      postId: examples[0].id,
      number: examples[0].number,
      threadSlug: examples[0].slug,
    });

    // Reorder: the second moves up; moving it up again, at the top, changes nothing and logs nothing.
    expect(
      (await send({ intent: "move-entry", entryId: String(second.id), direction: "up" })).headers.get("Location"),
    ).toBe(`/mod/guide?done=move-entry-up&at=entry-${second.id}#entry-${second.id}`);
    section = await sectionById(openers.id);
    expect(section!.entries.map((e) => e.id)).toEqual([second.id, first.id]);
    const afterMove = await logCount();
    await send({ intent: "move-entry", entryId: String(second.id), direction: "up" });
    expect(await logCount()).toBe(afterMove);

    // Sections reorder the same way.
    await send({ intent: "move-section", sectionId: String(avoid.id), direction: "up" });
    expect((await getGuide(getDb())).map((s) => s.id)).toEqual([avoid.id, openers.id]);

    // Move one to another section: it goes last there.
    await send({ intent: "move-entry-to-section", entryId: String(first.id), sectionId: String(avoid.id) });
    expect((await sectionById(openers.id))!.entries.map((e) => e.id)).toEqual([second.id]);
    expect((await sectionById(avoid.id))!.entries.map((e) => e.id)).toEqual([first.id]);

    await send({ intent: "edit-entry", entryId: String(first.id), note: "Reads as a **template**." });
    expect((await sectionById(avoid.id))!.entries[0]).toMatchObject({
      noteMd: "Reads as a **template**.",
      noteHtml: expect.stringContaining("<strong>template</strong>"),
    });

    await send({
      intent: "edit-section",
      sectionId: String(avoid.id),
      title: "Messages to avoid",
      intro: "Why these *fail*.",
    });
    const renamed = await sectionById(avoid.id);
    expect(renamed).toMatchObject({
      title: "Messages to avoid",
      slug: "what-to-avoid",
      introHtml: expect.stringContaining("<em>fail</em>"),
    });

    await send({ intent: "remove-entry", entryId: String(second.id) });
    expect((await sectionById(openers.id))!.entries).toEqual([]);
    expect(
      await getDb().selectFrom("post").select("id").where("id", "=", examples[1].id).executeTakeFirst(),
    ).toBeDefined();

    await send({ intent: "remove-section", sectionId: String(avoid.id) });
    expect(await sectionById(avoid.id)).toBeUndefined();
    expect(
      await getDb().selectFrom("guide_entry").select("id").where("id", "=", first.id).executeTakeFirst(),
    ).toBeUndefined();

    const logs = await getDb()
      .selectFrom("moderation_log")
      .selectAll()
      .orderBy("id")
      .offset(logsBefore)
      .limit(100)
      .execute();
    expect(logs.map((l) => l.action)).toEqual([
      "guide.section.create",
      "guide.section.create",
      "guide.entry.add",
      "guide.entry.add",
      "guide.entry.move",
      "guide.section.move",
      "guide.entry.move",
      "guide.entry.edit",
      "guide.section.edit",
      "guide.entry.remove",
      "guide.section.remove",
    ]);
    expect(new Set(logs.map((l) => l.actor_id))).toEqual(new Set([moderator.id]));
    const add = logs[2];
    expect(add).toMatchObject({
      post_id: examples[0].id,
      thread_id: examples[0].threadId,
      guide_section_id: openers.id,
    });
    expect(add.summary).toMatch(
      new RegExp(
        `^Added message #${examples[0].number} in “.+” to the guide section “Openers that work”, marked “Do”\\.$`,
      ),
    );
    expect(logs[10].summary).toBe("Removed the guide section “Messages to avoid” and its 1 entry.");
    // The history page lists them, newest first.
    const history = await run(historyLoader, loaderArgs(getRequest("/guide/history")));
    expect(history.data.changes[0]).toMatchObject({ actor: moderator.username, summary: logs[10].summary });
  });

  it("gives a clashing title a slug of its own", async () => {
    await clearGuide();
    const a = await newSection("Following up!");
    const b = await newSection("Following up?");
    const c = await newSection("Following up");
    expect([a.slug, b.slug, c.slug]).toEqual(["following-up", "following-up-2", "following-up-3"]);
  });

  it("keeps what was typed and says what is wrong, beside the field", async () => {
    await clearGuide();
    const before = await logCount();
    const blank = await send({ intent: "create-section", title: "  ", intro: "An intro worth keeping" });
    expect(blank).toMatchObject({
      status: 400,
      data: {
        formId: "new-section",
        errors: { title: "Give the section a title." },
        values: { intro: "An intro worth keeping" },
      },
    });
    const long = await send({ intent: "create-section", title: "x".repeat(121) });
    expect(long.data.errors.title).toMatch(/at most 120/);
    const section = await newSection("Notes");
    const noNote = await send({
      intent: "add-entry",
      postId: String(examples[0].id),
      sectionId: String(section.id),
      note: " ",
    });
    expect(noNote).toMatchObject({
      status: 400,
      data: { formId: "add-entry", errors: { note: expect.stringMatching(/Write a note/) } },
    });
    const noSection = await send({ intent: "add-entry", postId: String(examples[0].id), sectionId: "", note: "Good" });
    expect(noSection.data.errors.sectionId).toBe("Choose a guide section.");
    const longNote = await send({
      intent: "add-entry",
      postId: String(examples[0].id),
      sectionId: String(section.id),
      note: "n".repeat(2001),
    });
    expect(longNote.data.errors.note).toMatch(/at most 2,000/);
    expect(await logCount()).toBe(before + 1);
    expect((await send({ intent: "explode" })).status).toBe(400);
  });

  it("sends the moderator back to the thread after adding, but never off the site", async () => {
    await clearGuide();
    const section = await newSection("Returns");
    const back = `/threads/${examples[2].slug}?page=1#post-${examples[2].number}`;
    const added = await send({
      intent: "add-entry",
      postId: String(examples[2].id),
      sectionId: String(section.id),
      note: "Fine.",
      returnTo: back,
    });
    // Back to the message, saying it was added (`?added=`: a page without JavaScript shows it there).
    expect(added.headers.get("Location")).toBe(
      `/threads/${examples[2].slug}?page=1&added=${examples[2].id}#post-${examples[2].number}`,
    );
    const offsite = await send({
      intent: "add-entry",
      postId: String(examples[3].id),
      sectionId: String(section.id),
      note: "Fine.",
      returnTo: "//evil.example/",
    });
    expect(offsite.headers.get("Location")).toBe(`/mod/guide?added=${examples[3].id}`);
    // A refused form links back to where it came from, so that too is only ever a same-site path.
    const refused = await send({
      intent: "add-entry",
      postId: String(examples[4].id),
      sectionId: String(section.id),
      note: "",
      returnTo: "//evil.example/",
    });
    expect(refused.data.values.returnTo).toBe("/mod/guide");
  });
});

describe("what may go in the guide", () => {
  it("refuses comments, withheld messages and messages already in the guide, with a message", async () => {
    await clearGuide();
    const section = await newSection("Refusals");
    const other = await newSection("Elsewhere");
    const author = await signedInMember();
    const comment = await addComment(getDb(), {
      threadId: examples[0].threadId,
      authorId: author.id,
      body: "A comment, not an example",
    });
    const before = await logCount();

    const asComment = await send({
      intent: "add-entry",
      postId: String(comment.id),
      sectionId: String(section.id),
      note: "No",
    });
    expect(asComment).toMatchObject({
      status: 400,
      data: { formId: "add-entry", errors: { postId: expect.stringMatching(/not comments/) }, values: { note: "No" } },
    });

    await getDb()
      .updateTable("post")
      .set({ hidden_at: Date.now(), hidden_reason: "names someone" })
      .where("id", "=", examples[4].id)
      .execute();
    const hidden = await send({
      intent: "add-entry",
      postId: String(examples[4].id),
      sectionId: String(section.id),
      note: "No",
    });
    expect(hidden).toMatchObject({
      status: 400,
      data: { errors: { postId: expect.stringMatching(/hidden, deleted or waiting for review/) } },
    });
    await getDb()
      .updateTable("post")
      .set({ hidden_at: null, hidden_reason: null })
      .where("id", "=", examples[4].id)
      .execute();

    await newEntry(examples[5].id, section.id);
    const twice = await send({
      intent: "add-entry",
      postId: String(examples[5].id),
      sectionId: String(other.id),
      note: "Again",
    });
    expect(twice).toMatchObject({
      status: 409,
      data: { errors: { postId: "This message is already in the guide, in “Refusals”." } },
    });

    const missing = await send({ intent: "add-entry", postId: "999999", sectionId: String(section.id), note: "No" });
    expect(missing.status).toBe(404);
    const noSection = await send({
      intent: "add-entry",
      postId: String(examples[6].id),
      sectionId: "999999",
      note: "No",
    });
    expect(noSection).toMatchObject({
      status: 404,
      data: { errors: { sectionId: "That guide section no longer exists." } },
    });

    expect(await logCount()).toBe(before + 1);
    expect(await getDb().selectFrom("guide_entry").select("post_id").execute()).toEqual([{ post_id: examples[5].id }]);
  });

  it("leaves out of the public guide an entry whose message is hidden, deleted or awaiting review, and marks it for moderators", async () => {
    await clearGuide();
    const section = await newSection("Withdrawn");
    const kept = await newEntry(examples[0].id, section.id);
    const entry = await newEntry(examples[1].id, section.id);
    const postId = examples[1].id;
    const states = [{ hidden_at: Date.now() }, { review_pending_at: Date.now() }, { deleted_at: Date.now() }] as const;
    for (const state of states) {
      await getDb().updateTable("post").set(state).where("id", "=", postId).execute();
      expect(
        (await sectionById(section.id))!.entries.map((e) => e.id),
        JSON.stringify(state),
      ).toEqual([kept.id]);
      const forModerators = (await sectionById(section.id, true))!.entries;
      expect(forModerators.map((e) => [e.id, e.withdrawn])).toEqual([
        [kept.id, false],
        [entry.id, true],
      ]);
      const page = await run(guideLoader, loaderArgs(getRequest("/guide")));
      expect(page.data.sections[0].entries.map((e: { id: number }) => e.id)).toEqual([kept.id]);
      const editor = await run(editorLoader, loaderArgs(getRequest("/mod/guide", moderator.cookie)));
      expect(editor.data.sections[0].entries[1]).toMatchObject({ id: entry.id, withdrawn: true });
      await getDb()
        .updateTable("post")
        .set({ hidden_at: null, review_pending_at: null, deleted_at: null })
        .where("id", "=", postId)
        .execute();
    }
  });
});

describe("reading the guide", () => {
  it("shows sections, entries with scores and notes, and what moderators may edit", async () => {
    await clearGuide();
    const section = await newSection("Openers", "Intro *here*.");
    await newEntry(examples[0].id, section.id, "Note **here**.");
    const visitor = await run(guideLoader, loaderArgs(getRequest("/guide")));
    expect(visitor.data.canEdit).toBe(false);
    expect(visitor.data.sections[0]).toMatchObject({
      slug: "openers",
      title: "Openers",
      introHtml: expect.stringContaining("<em>here</em>"),
    });
    expect(visitor.data.sections[0].entries[0]).toMatchObject({
      noteHtml: expect.stringContaining("<strong>here</strong>"),
      counts: { authentic: 0, notAuthentic: 0 },
      href: `/threads/${examples[0].slug}?page=1#post-${examples[0].number}`,
      printHref: `${SITE}/threads/${examples[0].slug}?page=1#post-${examples[0].number}`,
    });
    // Markdown sources stay on the server.
    expect(JSON.stringify(visitor.data)).not.toContain("Note **here**");
    expect((await run(guideLoader, loaderArgs(getRequest("/guide", moderator.cookie)))).data.canEdit).toBe(true);
  });

  it("downloads as Markdown with the right headers, and absolute links from SITE_URL", async () => {
    await clearGuide();
    const section = await newSection("Openers that work", "Start with **them**.");
    await newEntry(examples[0].id, section.id, "It asks a *real* question.");
    const response = await guideMarkdownLoader(loaderArgs(getRequest("/guide.md")));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="beyond-hello-guide.md"');
    const markdown = await response.text();
    const post = await getDb()
      .selectFrom("post")
      .select(["body", "kind"])
      .where("id", "=", examples[0].id)
      .executeTakeFirstOrThrow();
    expect(markdown).toMatch(/^# The Beyond Hello guide\n/);
    expect(markdown).toContain("1. [Openers that work](#openers-that-work)");
    expect(markdown).toContain("## Openers that work\n\nStart with **them**.");
    expect(markdown).toContain(
      `### Do: ${post.kind === "approach" ? "Message sent" : "Reply received"} — no votes yet`,
    );
    expect(markdown).toContain(`> ${post.body.split("\n")[0]}`);
    expect(markdown).toContain("It asks a *real* question.");
    expect(markdown).not.toContain(ORIGIN);
    expect(markdown).toContain(`(${SITE}/threads/${examples[0].slug}?page=1#post-${examples[0].number})`);
  });
});

describe("who may change the guide", () => {
  it("sends visitors to sign in and refuses members, changing nothing, for every intent", async () => {
    await clearGuide();
    const section = await newSection("Guarded");
    const other = await newSection("Other");
    const entry = await newEntry(examples[0].id, section.id);
    const member = await signedInMember();
    const snapshot = async () => [await getGuide(getDb(), { includeWithdrawn: true }), await logCount()];
    const before = await snapshot();
    const attempts: Record<string, string>[] = [
      { intent: "create-section", title: "Sneaky", intro: "" },
      { intent: "edit-section", sectionId: String(section.id), title: "Renamed", intro: "" },
      { intent: "move-section", sectionId: String(other.id), direction: "up" },
      { intent: "remove-section", sectionId: String(section.id) },
      { intent: "add-entry", postId: String(examples[1].id), sectionId: String(section.id), note: "Sneaky" },
      { intent: "edit-entry", entryId: String(entry.id), note: "Sneaky" },
      { intent: "move-entry", entryId: String(entry.id), direction: "down" },
      { intent: "move-entry-to-section", entryId: String(entry.id), sectionId: String(other.id) },
      { intent: "remove-entry", entryId: String(entry.id) },
    ];
    for (const fields of attempts) {
      const asVisitor = await send(fields, null);
      expect(asVisitor.status, fields.intent).toBe(302);
      expect(asVisitor.headers.get("Location"), fields.intent).toBe("/login?redirectTo=%2Fmod%2Fguide");
      expect((await send(fields, member.cookie)).status, fields.intent).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("shows the editor to moderators only", async () => {
    const member = await signedInMember();
    expect((await run(editorLoader, loaderArgs(getRequest("/mod/guide", member.cookie)))).status).toBe(403);
    expect((await run(editorLoader, loaderArgs(getRequest("/mod/guide")))).headers.get("Location")).toBe(
      "/login?redirectTo=%2Fmod%2Fguide",
    );
    expect((await run(editorLoader, loaderArgs(getRequest("/mod/guide", moderator.cookie)))).status).toBe(200);
  });

  it("records the moderator as the actor of each change", async () => {
    await clearGuide();
    await newSection("Signed");
    expect(await lastLog()).toMatchObject({
      actor_id: moderator.id,
      action: "guide.section.create",
      summary: "Created the guide section “Signed”.",
    });
  });
});

describe("an author's edit of a message in the guide", () => {
  it("leaves the guide showing the curated version, marked changed for moderators until one accepts the new one", async () => {
    const author = await signedInMember();
    const { id: threadId } = await getDb()
      .selectFrom("thread")
      .select("id")
      .where("slug", "=", examples[0].slug)
      .executeTakeFirstOrThrow();
    const post = await addExampleMessage(getDb(), {
      threadId,
      authorId: author.id,
      kind: "approach",
      draft: { text: "I liked your point about listening first.", contextLine: "", remove: [], keep: [] },
    });
    const section = await newSection("Curated versions");
    const entry = await newEntry(post.id, section.id, "Short and about them.");
    await editExampleMessage(getDb(), {
      postId: post.id,
      editorId: author.id,
      draft: { text: "Buy my course on listening first!", contextLine: "", remove: [], keep: [] },
    });
    const readers = JSON.stringify((await run(guideLoader, loaderArgs(getRequest("/guide")))).data);
    expect(readers).toContain("listening first.");
    expect(readers).not.toContain("Buy my course");
    const markdown = await (await guideMarkdownLoader(loaderArgs(getRequest("/guide.md")))).text();
    expect(markdown).not.toContain("Buy my course");

    const editorEntry = () =>
      run(editorLoader, loaderArgs(getRequest("/mod/guide", moderator.cookie))).then(
        (page) =>
          page.data.sections
            .flatMap((s: { entries: unknown[] }) => s.entries)
            .find((e: { id: number }) => e.id === entry.id) as {
            changedSinceCurated: boolean;
            current: { bodyHtml: string };
          },
      );
    expect(await editorEntry()).toMatchObject({ changedSinceCurated: true });
    expect((await editorEntry()).current.bodyHtml).toContain("Buy my course");

    // Only moderators accept; the acceptance is logged, and the guide then shows the new version.
    const member = await signedInMember();
    expect((await send({ intent: "accept-version", entryId: String(entry.id) }, member.cookie)).status).toBe(403);
    const before = await logCount();
    expect((await send({ intent: "accept-version", entryId: String(entry.id) })).status).toBe(302);
    expect(await logCount()).toBe(before + 1);
    expect(await editorEntry()).toMatchObject({ changedSinceCurated: false });
    expect(JSON.stringify((await run(guideLoader, loaderArgs(getRequest("/guide")))).data)).toContain("Buy my course");
    // Accepting again changes nothing and logs nothing.
    expect((await send({ intent: "accept-version", entryId: String(entry.id) })).status).toBe(302);
    expect(await logCount()).toBe(before + 1);
  });
});
