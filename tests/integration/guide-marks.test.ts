/**
 * Issue 17: guide entries marked "do" (an example to follow) or "avoid" (what not to send). Chosen when
 * adding, changed in /mod/guide, refused with a message beside the field when it is neither, shown on
 * /guide, in /guide.md and in the guide's feed and history; only moderators may set it, and a change
 * drops the cached guide pages.
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { addExampleMessage } from "../../app/models/post.server";
import { loader as guideLoader } from "../../app/routes/guide";
import { loader as guideMarkdownLoader } from "../../app/routes/guide[.md]";
import { loader as guideFeedLoader } from "../../app/routes/guide_.feed[.xml]";
import { loader as historyLoader } from "../../app/routes/guide_.history";
import { action as editorAction, loader as editorLoader } from "../../app/routes/mod.guide";
import { loader as consentLoader } from "../../app/routes/posts_.$postId.guide";
import { cachedPage, PageCache, pageTag, registerPageCache } from "../../app/utils/page-cache.server";
import { up as addMarks } from "../../db/migrations/2026-12-02-0600-guide-entry-marks";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";

process.env.SITE_URL = "https://forum.example";

let moderator: Awaited<ReturnType<typeof signedInMember>>;
let examples: { id: number; number: number }[];
let sectionId: number;

function send(fields: Record<string, string>, cookie: string | null = moderator.cookie) {
  return run(editorAction, actionArgs(formRequest("/mod/guide", fields, cookie ?? undefined)));
}

async function add(postId: number, fields: Record<string, string>) {
  return send({ intent: "add-entry", postId: String(postId), sectionId: String(sectionId), note: "Why.", ...fields });
}

async function markOf(postId: number) {
  const row = await getDb()
    .selectFrom("guide_entry")
    .select(["id", "mark"])
    .where("post_id", "=", postId)
    .executeTakeFirstOrThrow();
  return row;
}

async function logCount() {
  const row = await getDb()
    .selectFrom("moderation_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  await seed(getDb());
  moderator = await signedInMember("moderator");
  examples = await getDb()
    .selectFrom("post")
    .select(["id", "number"])
    .where("kind", "!=", "comment")
    .orderBy("id")
    .execute();
});

beforeEach(async () => {
  await getDb().deleteFrom("guide_section").execute();
  const created = await send({ intent: "create-section", title: "Marked", intro: "" });
  expect(created.status).toBe(302);
  sectionId = Number(created.headers.get("Location")!.split("#section-")[1]);
  expect(sectionId).toBeGreaterThan(0);
});

describe("marking guide entries do or avoid", () => {
  it("adds an entry with the mark chosen, logs it, and shows it on /guide, in guide.md and in the feed", async () => {
    expect((await add(examples[0].id, { mark: "do" })).status).toBe(302);
    expect((await add(examples[1].id, { mark: "avoid", note: "Reads as a template." })).status).toBe(302);
    expect((await markOf(examples[0].id)).mark).toBe("do");
    expect((await markOf(examples[1].id)).mark).toBe("avoid");

    const page = await run(guideLoader, loaderArgs(getRequest("/guide")));
    const entries = page.data.sections[0].entries as { mark: string; number: number }[];
    expect(entries.map((e) => [e.number, e.mark])).toEqual([
      [examples[0].number, "do"],
      [examples[1].number, "avoid"],
    ]);

    const markdown = await (await guideMarkdownLoader(loaderArgs(getRequest("/guide.md")))).text();
    expect(markdown).toMatch(/### Do: (Message sent|Reply received) — /);
    expect(markdown).toMatch(/### Avoid: (Message sent|Reply received) — /);
    expect(markdown.indexOf("### Do:")).toBeLessThan(markdown.indexOf("### Avoid:"));

    const feed = await (await guideFeedLoader()).text();
    expect(feed).toContain(`Added message #${examples[1].number}`);
    expect(feed).toContain("marked “Avoid”");
  });

  it("changes the mark in the editor, logs the change in the history, and a repeat changes nothing", async () => {
    await add(examples[2].id, { mark: "do" });
    const { id } = await markOf(examples[2].id);
    const before = await logCount();
    const changed = await send({ intent: "mark-entry", entryId: String(id), mark: "avoid" });
    expect(changed.status).toBe(302);
    expect(changed.headers.get("Location")).toBe(`/mod/guide?done=mark-entry&at=entry-${id}#entry-${id}`);
    expect((await markOf(examples[2].id)).mark).toBe("avoid");
    expect(await logCount()).toBe(before + 1);

    const history = await run(historyLoader, loaderArgs(getRequest("/guide/history")));
    expect(history.data.changes[0].summary).toBe(
      `Marked message #${examples[2].number} in “${await threadTitle(examples[2].id)}” “Avoid” (was “Do”) in the guide section “Marked”.`,
    );
    const feed = await (await guideFeedLoader()).text();
    expect(feed).toContain("“Avoid” (was “Do”)");

    // The editor shows the entry with its new mark.
    const editor = await run(editorLoader, loaderArgs(getRequest("/mod/guide", moderator.cookie)));
    expect(editor.data.sections[0].entries[0]).toMatchObject({ id, mark: "avoid" });

    expect((await send({ intent: "mark-entry", entryId: String(id), mark: "avoid" })).status).toBe(302);
    expect(await logCount()).toBe(before + 1);
  });

  it("refuses a mark that is neither do nor avoid, or none, with a message beside the field and what was typed", async () => {
    const before = await logCount();
    for (const mark of ["maybe", ""]) {
      const refused = await add(examples[3].id, { mark, note: "Keep this note" });
      expect(refused).toMatchObject({
        status: 400,
        data: {
          formId: "add-entry",
          errors: { mark: expect.stringMatching(/“Do”.*“Avoid”/) },
          values: { note: "Keep this note", mark },
        },
      });
    }
    // A form without the field at all (a hand-made request) is refused the same way.
    const bare = await send({
      intent: "add-entry",
      postId: String(examples[3].id),
      sectionId: String(sectionId),
      note: "x",
    });
    expect(bare.status).toBe(400);
    expect(bare.data.errors.mark).toBeTruthy();

    await add(examples[3].id, { mark: "do" });
    const { id } = await markOf(examples[3].id);
    const bad = await send({ intent: "mark-entry", entryId: String(id), mark: "DROP TABLE" });
    expect(bad).toMatchObject({ status: 400, data: { formId: `entry-${id}`, errors: { mark: expect.any(String) } } });
    expect((await markOf(examples[3].id)).mark).toBe("do");
    const gone = await send({ intent: "mark-entry", entryId: "999999", mark: "avoid" });
    expect(gone.status).toBe(404);
    expect(await logCount()).toBe(before + 1);
  });

  it("lets only moderators mark: visitors are sent to sign in, members refused, nothing changes", async () => {
    await add(examples[4].id, { mark: "do" });
    const { id } = await markOf(examples[4].id);
    const member = await signedInMember();
    const before = await logCount();
    const asVisitor = await send({ intent: "mark-entry", entryId: String(id), mark: "avoid" }, null);
    expect(asVisitor.headers.get("Location")).toBe("/login?redirectTo=%2Fmod%2Fguide");
    expect((await send({ intent: "mark-entry", entryId: String(id), mark: "avoid" }, member.cookie)).status).toBe(403);
    const addAsMember = await send(
      { intent: "add-entry", postId: String(examples[5].id), sectionId: String(sectionId), note: "x", mark: "avoid" },
      member.cookie,
    );
    expect(addAsMember.status).toBe(403);
    expect((await markOf(examples[4].id)).mark).toBe("do");
    expect(await logCount()).toBe(before);
  });

  it("tells the message's author how the guide marks it, on the page where they consent or withdraw", async () => {
    const author = await signedInMember();
    const threadId = (await getDb().selectFrom("thread").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    const post = await addExampleMessage(getDb(), {
      threadId,
      authorId: author.id,
      kind: "approach",
      draft: { text: "Saw your post on mentoring; what got you started?", contextLine: "", remove: [], keep: [] },
    });
    const consentPage = async () =>
      (
        await run(
          consentLoader,
          loaderArgs(getRequest(`/posts/${post.id}/guide`, author.cookie), { postId: String(post.id) }),
        )
      ).data as { inGuide: boolean; mark: string | null };
    expect(await consentPage()).toMatchObject({ inGuide: false, mark: null });
    await add(post.id, { mark: "avoid" });
    expect(await consentPage()).toMatchObject({ inGuide: true, mark: "avoid" });
  });

  it("drops the cached guide pages when a mark changes", async () => {
    const cache = new PageCache();
    registerPageCache(cache);
    await add(examples[6].id, { mark: "do" });
    const { id } = await markOf(examples[6].id);
    cache.set("/guide", cachedPage(Buffer.from("old"), "text/html", {}, [pageTag.guide]), cache.generation);
    expect(cache.get("/guide")).toBeDefined();
    await send({ intent: "mark-entry", entryId: String(id), mark: "avoid" });
    expect(cache.get("/guide")).toBeUndefined();
  });

  it("backfills entries curated before the column: avoid where more members felt it was not authentic", async () => {
    await add(examples[0].id, { mark: "do" });
    await add(examples[1].id, { mark: "do" });
    await getDb()
      .updateTable("post")
      .set({ not_authentic_count: 3, authentic_count: 1 })
      .where("id", "=", examples[1].id)
      .execute();
    // Replay the migration's backfill on a copy of the column's state before it: drop and add it again.
    await getDb().schema.alterTable("guide_entry").dropColumn("mark").execute();
    await addMarks(getDb());
    expect((await markOf(examples[0].id)).mark).toBe("do");
    expect((await markOf(examples[1].id)).mark).toBe("avoid");
  });
});

async function threadTitle(postId: number) {
  const row = await getDb()
    .selectFrom("post")
    .innerJoin("thread", "thread.id", "post.thread_id")
    .select("thread.title")
    .where("post.id", "=", postId)
    .executeTakeFirstOrThrow();
  return row.title;
}
