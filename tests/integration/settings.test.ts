import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { listThreadPage } from "../../app/models/post-view.server";
import { addComment, addExampleMessage } from "../../app/models/post.server";
import { castVote } from "../../app/models/vote.server";
import { action as loginAction } from "../../app/routes/login";
import { action as settingsAction } from "../../app/routes/settings";
import { loader as exportLoader } from "../../app/routes/settings_.export";
import { getUser } from "../../app/session.server";
import { seed } from "../../db/seed";
import {
  actionArgs,
  formRequest,
  getRequest,
  loaderArgs,
  run,
  sessionCookieFor,
  signedInMember,
} from "../setup/requests";

let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (
    await getDb().selectFrom("thread").select("id").where("slug", "=", "the-opener").executeTakeFirstOrThrow()
  ).id;
});

const settings = (cookie: string, fields: Record<string, string>) =>
  run(settingsAction, actionArgs(formRequest("/settings", fields, cookie)));

describe("changing the password", () => {
  it("asks for the current one, and ends every other session but this one", async () => {
    const member = await signedInMember();
    const elsewhere = await sessionCookieFor(member.id);
    const wrong = await settings(member.cookie, {
      intent: "change-password",
      currentPassword: "not it at all",
      newPassword: "a brand new password",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors.currentPassword).toBe("That is not your current password.");
    expect(wrong.data.values).toEqual({});
    const short = await settings(member.cookie, {
      intent: "change-password",
      currentPassword: "correct horse battery",
      newPassword: "short",
    });
    expect(short.data.errors.newPassword).toMatch(/at least 10/);

    const changed = await settings(member.cookie, {
      intent: "change-password",
      currentPassword: "correct horse battery",
      newPassword: "a brand new password",
    });
    expect(changed.status).toBe(302);
    expect(await getUser(getRequest("/", member.cookie))).not.toBeNull();
    expect(await getUser(getRequest("/", elsewhere))).toBeNull();
    const login = (password: string) =>
      run(loginAction, actionArgs(formRequest("/login", { username: member.username, password })));
    expect((await login("correct horse battery")).status).toBe(400);
    expect((await login("a brand new password")).status).toBe(302);
  });
});

describe("a member's own data", () => {
  it("downloads everything they wrote, their votes and flags as JSON", async () => {
    const member = await signedInMember();
    const other = await signedInMember();
    await addComment(getDb(), { threadId, authorId: member.id, body: "My **own** words" });
    const theirs = await addExampleMessage(getDb(), {
      threadId,
      authorId: other.id,
      kind: "approach",
      draft: { text: "Hello there", contextLine: "", remove: [], keep: [] },
    });
    await castVote(getDb(), {
      postId: theirs.id,
      userId: member.id,
      choice: { value: "not_authentic", reasons: ["pushy"] },
    });
    const response = await exportLoader(loaderArgs(getRequest("/settings/export", member.cookie)));
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="beyond-hello-${member.username}.json"`,
    );
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const exported = await response.json();
    expect(exported.account.username).toBe(member.username);
    expect(exported.posts).toMatchObject([{ thread: "the-opener", kind: "comment", text: "My **own** words" }]);
    expect(exported.votes).toEqual([expect.objectContaining({ value: "not_authentic", reasons: ["pushy"] })]);
    expect(JSON.stringify(exported)).not.toContain("password");
  });

  it("deletes the account: posts stay as a former member's, votes go with counts corrected, sessions end", async () => {
    const member = await signedInMember();
    const author = await signedInMember();
    const elsewhere = await sessionCookieFor(member.id);
    const own = await addComment(getDb(), { threadId, authorId: member.id, body: "Words that stay" });
    const voted = await addExampleMessage(getDb(), {
      threadId,
      authorId: author.id,
      kind: "approach",
      draft: { text: "Would love to connect", contextLine: "", remove: [], keep: [] },
    });
    await castVote(getDb(), { postId: voted.id, userId: member.id, choice: { value: "authentic" } });

    const mistyped = await settings(member.cookie, {
      intent: "delete-account",
      confirmUsername: "someone-else",
      password: "correct horse battery",
    });
    expect(mistyped.data.errors.confirmUsername).toMatch(/to confirm/);
    const wrongPassword = await settings(member.cookie, {
      intent: "delete-account",
      confirmUsername: member.username,
      password: "nope nope nope",
    });
    expect(wrongPassword.data.errors.password).toBe("That is not your password.");
    expect(wrongPassword.data.values).toEqual({ confirmUsername: member.username });

    const deleted = await settings(member.cookie, {
      intent: "delete-account",
      confirmUsername: member.username,
      password: "correct horse battery",
    });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await getUser(getRequest("/", member.cookie))).toBeNull();
    expect(await getUser(getRequest("/", elsewhere))).toBeNull();
    const page = await listThreadPage(getDb(), { threadId, page: 1, viewer: null });
    expect(page.find((p) => p.id === own.id)).toMatchObject({ author: null, state: "visible" });
    expect(
      await getDb()
        .selectFrom("post")
        .select(["authentic_count", "authenticity_rank"])
        .where("id", "=", voted.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ authentic_count: 0, authenticity_rank: 0 });
    expect(await getDb().selectFrom("vote").selectAll().where("user_id", "=", member.id).execute()).toEqual([]);
    const login = await run(
      loginAction,
      actionArgs(formRequest("/login", { username: member.username, password: "correct horse battery" })),
    );
    expect(login.status).toBe(400);
  });
});
