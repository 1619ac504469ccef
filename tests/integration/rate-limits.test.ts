import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "../../app/db.server";
import { addExampleMessage } from "../../app/models/post.server";
import { action as joinAction } from "../../app/routes/join";
import { action as loginAction } from "../../app/routes/login";
import { action as previewAction } from "../../app/routes/markdown-preview";
import { action as voteAction } from "../../app/routes/posts_.$postId.vote";
import { action as settingsAction } from "../../app/routes/settings";
import { action as threadAction } from "../../app/routes/threads.$slug";
import { seed } from "../../db/seed";
import { formRequest, run, signedInMember } from "../setup/requests";

const SLUG = "following-up";
const START = Date.UTC(2026, 10, 25, 12, 0, 0);
const at = (ms: number) => vi.setSystemTime(START + ms);
const args = (request: Request, params: Record<string, string> = {}, clientIp = "198.51.100.7") => ({
  request,
  params,
  context: { clientIp },
});

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

describe("signing in", () => {
  it("allows 10 failed tries per username from one address in 15 minutes, then 429 with Retry-After, keeping the username", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(0);
    await signedInMember("member", "limited_login");
    const attempt = (ip: string) =>
      run(
        loginAction,
        args(formRequest("/login", { username: "Limited_Login", password: "wrong password here" }), {}, ip),
      );
    for (let i = 0; i < 10; i++) expect((await attempt("203.0.113.9")).status).toBe(400);
    at(60_000);
    const refused = await attempt("203.0.113.9");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe(String(14 * 60));
    expect(refused.data.errors.form).toMatch(/Too many sign-in attempts\. Please wait 14 minutes/);
    expect(refused.data.values.username).toBe("Limited_Login");
    // The window passes: the username may try again.
    at(15 * 60_000 + 1);
    expect((await attempt("203.0.113.9")).status).toBe(400);
  });

  it("counts failures only: the owner signs in as often as they like, and others' guesses do not lock them out (issue 13)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(20 * 60 * 60_000);
    const owner = await signedInMember("member", "lockout_owner");
    const signIn = (password: string, ip: string) =>
      run(loginAction, args(formRequest("/login", { username: "lockout_owner", password }), {}, ip));
    // Twelve successful sign-ins in a row: none of them counts.
    for (let i = 0; i < 12; i++) expect((await signIn("correct horse battery", "198.51.100.20")).status).toBe(302);
    // Someone elsewhere guesses ten times and is stopped...
    for (let i = 0; i < 10; i++) expect((await signIn("a wrong guess", "203.0.113.66")).status).toBe(400);
    expect((await signIn("a wrong guess", "203.0.113.66")).status).toBe(429);
    // ...while the owner still signs in from their own address,
    expect((await signIn("correct horse battery", "198.51.100.20")).status).toBe(302);
    // and still changes their password in the session they hold.
    const change = await run(
      settingsAction,
      args(
        formRequest(
          "/settings",
          { intent: "change-password", currentPassword: "correct horse battery", newPassword: "another long password" },
          owner.cookie,
        ),
      ),
    );
    expect(change.status).toBe(302);
  });

  it("allows 50 tries per address across usernames", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(2 * 60 * 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 51; i++)
      statuses.push(
        (
          await run(
            loginAction,
            args(formRequest("/login", { username: `nobody${i}`, password: "whatever123" }), {}, "192.0.2.50"),
          )
        ).status,
      );
    expect(statuses.slice(0, 50).every((s) => s === 400)).toBe(true);
    expect(statuses[50]).toBe(429);
  });
});

describe("joining", () => {
  it("allows 5 new accounts per address per hour", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(4 * 60 * 60_000);
    const join = (n: number) =>
      run(
        joinAction,
        args(formRequest("/join", { username: `joiner_${n}`, password: "a long enough password" }), {}, "192.0.2.77"),
      );
    for (let n = 0; n < 5; n++) expect((await join(n)).status).toBe(302);
    const refused = await join(5);
    expect(refused.status).toBe(429);
    expect(refused.data.values.username).toBe("joiner_5");
    expect(
      await getDb().selectFrom("user").select("id").where("username", "=", "joiner_5").executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe("posting", () => {
  const comment = (cookie: string, body: string) =>
    run(threadAction, args(formRequest(`/threads/${SLUG}`, { intent: "comment", body }, cookie), { slug: SLUG }));

  it("makes a new account wait a minute between posts, keeping the text it refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(6 * 60 * 60_000);
    const member = await signedInMember();
    expect((await comment(member.cookie, "first")).status).toBe(302);
    at(6 * 60 * 60_000 + 30_000);
    const refused = await comment(member.cookie, "second, too soon");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("30");
    expect(refused.data.errors.form).toMatch(/posting faster than this forum allows/);
    expect(refused.data.values.body).toBe("second, too soon");
    at(6 * 60 * 60_000 + 60_001);
    expect((await comment(member.cookie, "second, later")).status).toBe(302);
  });

  it("gives accounts older than a day a 15-second cooldown", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(8 * 60 * 60_000);
    const member = await signedInMember();
    at(8 * 60 * 60_000 + 25 * 60 * 60_000);
    expect((await comment(member.cookie, "one")).status).toBe(302);
    at(8 * 60 * 60_000 + 25 * 60 * 60_000 + 16_000);
    expect((await comment(member.cookie, "two")).status).toBe(302);
  });

  it("keeps counting across a restart, because the counts live in the database", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(40 * 60 * 60_000);
    const member = await signedInMember();
    expect((await comment(member.cookie, "before the restart")).status).toBe(302);
    await closeDb(); // the next request opens a new connection, as after a restart
    at(40 * 60 * 60_000 + 5_000);
    expect((await comment(member.cookie, "just after the restart")).status).toBe(429);
  });
});

describe("previews", () => {
  it("allows 120 Markdown previews a minute per member, then 429 with Retry-After (issue 13)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(60 * 60 * 60_000);
    const member = await signedInMember();
    const preview = () => run(previewAction, args(formRequest("/markdown-preview", { body: "*hi*" }, member.cookie)));
    // Four a second at most (the burst limit): 120 in 30 seconds.
    for (let i = 0; i < 120; i++) {
      at(60 * 60 * 60_000 + i * 250);
      expect((await preview()).status).toBe(200);
    }
    at(60 * 60 * 60_000 + 30_000);
    const refused = await preview();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("Retry-After")).toBe("30");
    const comment = await run(
      threadAction,
      args(formRequest(`/threads/${SLUG}`, { intent: "preview", body: "*hi*" }, member.cookie), { slug: SLUG }),
    );
    expect(comment.status).toBe(429);
    expect(comment.data.values.body).toBe("*hi*");
  });
});

describe("voting", () => {
  it("allows 120 votes a minute", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    at(50 * 60 * 60_000);
    const author = await signedInMember();
    const voter = await signedInMember();
    const thread = await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const post = await addExampleMessage(getDb(), {
      threadId: thread.id,
      authorId: author.id,
      kind: "approach",
      draft: { text: "Quick hello", contextLine: "", remove: [], keep: [] },
    });
    const vote = (choice: string) =>
      run(
        voteAction,
        args(formRequest(`/posts/${post.id}/vote`, { choice, mode: "fetch" }, voter.cookie), {
          postId: String(post.id),
        }),
      );
    for (let i = 0; i < 120; i++) expect((await vote(i % 2 ? "withdraw" : "authentic")).status).toBe(200);
    const refused = await vote("authentic");
    expect(refused.status).toBe(429);
    expect(refused.data).toEqual({ ok: false, error: expect.stringMatching(/voting faster/) });
  });
});
