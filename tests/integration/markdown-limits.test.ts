/**
 * Issue 13, finding 1: a Markdown post past the lines or links it may hold (app/utils/markdown-limits.ts) is
 * refused beside its field, keeping what was typed, on writing and on every preview; nothing is stored.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { addComment } from "../../app/models/post.server";
import { action as previewAction } from "../../app/routes/markdown-preview";
import { action as guideAction } from "../../app/routes/mod.guide";
import { action as editAction } from "../../app/routes/posts_.$postId.edit";
import { action as threadAction } from "../../app/routes/threads.$slug";
import {
  MAX_MARKDOWN_LINES,
  MAX_MARKDOWN_LINKS,
  TOO_MANY_LINES,
  TOO_MANY_LINKS,
} from "../../app/utils/markdown-limits";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, run, signedInMember } from "../setup/requests";

const SLUG = "following-up";
const lines = (n: number) => Array.from({ length: n }, () => "- a").join("\n");
const links = (n: number) => Array.from({ length: n }, (_, i) => `[${i}](/t/${i})`).join(" ");

beforeAll(async () => {
  await seed(getDb());
});

async function postCount() {
  const row = await getDb()
    .selectFrom("post")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const onThread = (fields: Record<string, string>, cookie: string) =>
  run(threadAction, actionArgs(formRequest(`/threads/${SLUG}`, fields, cookie), { slug: SLUG }));

describe("Markdown limits", () => {
  it("refuses a comment of one line too many, beside the body, keeping the text, and stores nothing", async () => {
    const member = await signedInMember();
    const before = await postCount();
    const body = lines(MAX_MARKDOWN_LINES + 1);
    for (const intent of ["comment", "preview"]) {
      const answer = await onThread({ intent, body }, member.cookie);
      expect(answer.status).toBe(400);
      expect(answer.data.errors.body).toBe(TOO_MANY_LINES);
      expect(answer.data.values.body).toBe(body);
    }
    expect(await postCount()).toBe(before);
  });

  it("refuses one link too many, counting web and e-mail addresses; accepts a post at both limits", async () => {
    const member = await signedInMember();
    for (const body of [links(MAX_MARKDOWN_LINKS + 1), "a@b.example ".repeat(MAX_MARKDOWN_LINKS + 1)]) {
      const answer = await onThread({ intent: "preview", body }, member.cookie);
      expect(answer.status).toBe(400);
      expect(answer.data.errors.body).toBe(TOO_MANY_LINKS);
      expect(answer.data.values.body).toBe(body);
    }
    // 1,000 lines of which 100 hold two links each (a link's text and target count once each): accepted.
    const atLimits =
      lines(MAX_MARKDOWN_LINES - 100) + "\n" + Array.from({ length: 100 }, () => "<https://a.example>").join("\n");
    const preview = await onThread({ intent: "preview", body: atLimits }, member.cookie);
    expect(preview.status).toBe(200);
    expect(preview.data.preview).toContain("https://a.example");
  });

  it("refuses on the edit page (preview and save) and in the live preview, which says why instead of rendering", async () => {
    const member = await signedInMember();
    const thread = await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const post = await addComment(getDb(), { threadId: thread.id, authorId: member.id, body: "Short and sweet" });
    const body = lines(MAX_MARKDOWN_LINES + 1);
    for (const intent of ["preview", "save"]) {
      const answer = await run(
        editAction,
        actionArgs(formRequest(`/posts/${post.id}/edit`, { intent, body }, member.cookie), { postId: String(post.id) }),
      );
      expect(answer.status).toBe(400);
      expect(answer.data.errors.body).toBe(TOO_MANY_LINES);
      expect(answer.data.values.body).toBe(body);
    }
    const stored = await getDb().selectFrom("post").select("body").where("id", "=", post.id).executeTakeFirstOrThrow();
    expect(stored.body).toBe("Short and sweet");
    const live = await run(
      previewAction,
      actionArgs(formRequest("/markdown-preview", { body: links(300) }, member.cookie)),
    );
    expect(live).toMatchObject({ status: 400, data: { html: "", error: TOO_MANY_LINKS } });
  });

  it("refuses a guide introduction and note past the limits, beside the field", async () => {
    const moderator = await signedInMember("moderator");
    const answer = await run(
      guideAction,
      actionArgs(
        formRequest(
          "/mod/guide",
          { intent: "create-section", title: "Many", intro: lines(MAX_MARKDOWN_LINES + 1) },
          moderator.cookie,
        ),
      ),
    );
    expect(answer).toMatchObject({ status: 400, data: { formId: "new-section", errors: { intro: TOO_MANY_LINES } } });
    const noteAnswer = await run(
      guideAction,
      actionArgs(
        formRequest(
          "/mod/guide",
          { intent: "edit-entry", entryId: "1", note: "a@b.c ".repeat(MAX_MARKDOWN_LINKS + 1) },
          moderator.cookie,
        ),
      ),
    );
    expect(noteAnswer.status).toBe(400);
    expect(noteAnswer.data.errors.note).toBe(TOO_MANY_LINKS);
  });
});
