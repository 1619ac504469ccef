/**
 * Issue 13: every preview is rate-limited per member (120 a minute, 4 a second: app/utils/rate-limit-rules.ts),
 * the anonymiser's too (sharing a message, editing one, a moderator's review), and a member typing at the live
 * previews' pace never meets the limit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../app/db.server";
import { addExampleMessage } from "../../app/models/post.server";
import { action as previewAction } from "../../app/routes/markdown-preview";
import { action as reviewAction } from "../../app/routes/mod.posts.$postId";
import { action as editMessageAction } from "../../app/routes/posts_.$postId.edit-message";
import { action as shareAction } from "../../app/routes/threads_.$slug.share";
import { seed } from "../../db/seed";
import { formRequest, run, signedInMember } from "../setup/requests";

const SLUG = "following-up";
const START = Date.UTC(2026, 11, 1, 12, 0, 0);
const at = (ms: number) => vi.setSystemTime(START + ms);
const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
const TEXT = "Hi Sam, I liked your talk in Leeds. Coffee some time?";

beforeAll(async () => {
  process.env.RATE_LIMITS = "on";
  await seed(getDb());
});

afterAll(() => {
  process.env.RATE_LIMITS = "off";
});

afterEach(() => {
  vi.useRealTimers();
});

async function ownMessage(authorId: number) {
  const thread = await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
  return addExampleMessage(getDb(), {
    threadId: thread.id,
    authorId,
    kind: "approach",
    draft: { text: TEXT, contextLine: "", remove: [], keep: [] },
  });
}

describe("anonymiser previews", () => {
  it("answers 429 with Retry-After past 4 a second, keeping what was typed, on all three forms", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    const member = await signedInMember();
    const moderator = await signedInMember("moderator");
    const post = await ownMessage(member.id);
    const fields = { intent: "preview", kind: "approach", text: TEXT, contextLine: "", remove: "" };
    const forms = [
      () => run(shareAction, args(formRequest(`/threads/${SLUG}/share`, fields, member.cookie), { slug: SLUG })),
      () =>
        run(
          editMessageAction,
          args(formRequest(`/posts/${post.id}/edit-message`, fields, member.cookie), { postId: String(post.id) }),
        ),
      () =>
        run(
          reviewAction,
          args(formRequest(`/mod/posts/${post.id}`, fields, moderator.cookie), { postId: String(post.id) }),
        ),
    ];
    for (const [i, preview] of forms.entries()) {
      at(10_000 * (i + 1));
      for (let n = 0; n < 4; n++) {
        const answer = await preview();
        expect(answer.status).toBe(200);
        expect(answer.data.preview).toBeTruthy();
      }
      // The fifth in the same second: refused.
      const refused = await preview();
      expect(refused.status).toBe(429);
      expect(refused.headers.get("Retry-After")).toBe("1");
      expect(refused.data.errors.form).toMatch(/previews faster than this forum allows/);
      expect(refused.data.values.text).toBe(TEXT);
      expect(refused.data.preview).toBeNull();
    }
  });

  it("never refuses a member typing at the live previews' pace: one a second for three minutes, on either kind", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(3_600_000);
    const member = await signedInMember();
    const fields = { intent: "preview", kind: "approach", text: TEXT, contextLine: "", remove: "" };
    for (let second = 0; second < 180; second++) {
      at(3_600_000 + second * 1_000);
      const answer =
        second % 2
          ? await run(previewAction, args(formRequest("/markdown-preview", { body: "*hi*" }, member.cookie)))
          : await run(shareAction, args(formRequest(`/threads/${SLUG}/share`, fields, member.cookie), { slug: SLUG }));
      expect(answer.status, `second ${second}`).toBe(200);
    }
  });
});
