import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { action as joinAction } from "../../app/routes/join";
import { action as loginAction } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import {
  SESSION_COOKIE,
  SESSION_LIFETIME,
  createSession,
  generateSessionToken,
  getSession,
  getUser,
  sessionIdFromToken,
  validateSessionToken,
} from "../../app/session.server";
import { actionArgs, formRequest, getRequest, run } from "../setup/requests";

const DAY = 24 * 60 * 60 * 1000;

function sessionCookieFrom(headers: Headers): string {
  const header = headers.get("Set-Cookie") ?? "";
  const match = header.match(new RegExp(`${SESSION_COOKIE}=([^;]*)`));
  if (!match) throw new Error(`no session cookie in ${header}`);
  return `${SESSION_COOKIE}=${match[1]}`;
}

async function join(username: string, password = "a long enough password", extra: Record<string, string> = {}) {
  return run(joinAction, actionArgs(formRequest("/join", { username, password, ...extra })));
}

describe("joining", () => {
  it("creates the member, signs them in with an HttpOnly SameSite=Lax cookie, and stores only the token's hash", async () => {
    const result = await join("newcomer", "a long enough password", { redirectTo: "/threads/the-opener" });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toBe("/threads/the-opener");
    const setCookie = result.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // served over plain HTTP here
    const cookie = sessionCookieFrom(result.headers);
    const token = cookie.split("=")[1];
    expect(token).toMatch(/^[a-z2-7]{32}$/); // 160 random bits in base32
    expect(await getUser(getRequest("/", cookie))).toMatchObject({ username: "newcomer", role: "member" });
    const stored = await getDb().selectFrom("session").select("id").execute();
    expect(stored.map((s) => s.id)).toContain(sessionIdFromToken(token));
    expect(stored.map((s) => s.id)).not.toContain(token);
    const user = await getDb()
      .selectFrom("user")
      .select("password_hash")
      .where("username", "=", "newcomer")
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("marks the cookie Secure when the site is served over HTTPS", async () => {
    const request = new Request("https://beyond-hello.example/join", {
      method: "POST",
      body: new URLSearchParams({ username: "secure_one", password: "a long enough password" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const result = await run(joinAction, actionArgs(request));
    expect(result.headers.get("Set-Cookie")).toMatch(/; Secure/);
  });

  it("refuses a username taken in another case, keeping what was typed but the password", async () => {
    await join("CaseTest");
    const result = await join("casetest");
    expect(result.status).toBe(400);
    expect(result.data.errors.username).toMatch(/taken/);
    expect(result.data.values.username).toBe("casetest");
    expect(result.data.values).not.toHaveProperty("password");
  });

  it.each([
    ["ab", "long enough password", "username", /at least 3/],
    ["a".repeat(31), "long enough password", "username", /at most 30/],
    ["has space", "long enough password", "username", /letters, digits/],
    ["émile", "long enough password", "username", /letters, digits/],
    ["valid_name", "short", "password", /at least 10/],
    ["valid_name", "x".repeat(257), "password", /at most 256/],
  ])(
    "explains what is wrong with %j / a password of %i characters beside the field",
    async (username, password, field, message) => {
      const result = await join(username, password);
      expect(result.status).toBe(400);
      expect(result.data.errors[field]).toMatch(message);
      expect(result.data.values.username).toBe(username);
    },
  );

  it("refuses a redirect to another site after joining", async () => {
    const result = await join("redirect_test", "a long enough password", { redirectTo: "//evil.example/x" });
    expect(result.headers.get("Location")).toBe("/");
  });
});

describe("signing in and out", () => {
  it("signs in with the right password, whatever the username's case", async () => {
    await join("Returning");
    const result = await run(
      loginAction,
      actionArgs(formRequest("/login", { username: "returning", password: "a long enough password" })),
    );
    expect(result.status).toBe(302);
    expect(await getUser(getRequest("/", sessionCookieFrom(result.headers)))).toMatchObject({ username: "Returning" });
  });

  it("gives one message for a wrong password and an unknown username", async () => {
    await join("wrongpass");
    const wrong = await run(
      loginAction,
      actionArgs(formRequest("/login", { username: "wrongpass", password: "not the password" })),
    );
    const unknown = await run(
      loginAction,
      actionArgs(formRequest("/login", { username: "nobody_here", password: "not the password" })),
    );
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.data.errors).toEqual(unknown.data.errors);
    expect(wrong.data.values).toEqual({ username: "wrongpass", redirectTo: "" });
  });

  it("ends the session on logout, in the database and in the browser", async () => {
    const joined = await join("leaving");
    const cookie = sessionCookieFrom(joined.headers);
    const result = await run(logoutAction, actionArgs(formRequest("/logout", {}, cookie)));
    expect(result.status).toBe(302);
    expect(result.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(await getUser(getRequest("/", cookie))).toBeNull();
    const token = cookie.split("=")[1];
    expect(
      await getDb().selectFrom("session").where("id", "=", sessionIdFromToken(token)).selectAll().execute(),
    ).toEqual([]);
  });
});

describe("session expiry", () => {
  async function freshSession(now: number) {
    const joined = await join(`expiry_${now}`);
    const user = await getDb()
      .selectFrom("user")
      .select("id")
      .where("username", "=", `expiry_${now}`)
      .executeTakeFirstOrThrow();
    const token = generateSessionToken();
    await createSession(getDb(), { token, userId: user.id, now });
    expect(joined.status).toBe(302);
    return token;
  }

  it("expires after 30 days without use, and deletes the expired session", async () => {
    const start = Date.UTC(2026, 0, 1);
    const token = await freshSession(start);
    expect(await validateSessionToken(getDb(), { token, now: start + SESSION_LIFETIME - 1 })).not.toBeNull();
    const later = await validateSessionToken(getDb(), { token, now: start + SESSION_LIFETIME + 10 * DAY + 1 });
    // The use above, near the end, slid the expiry 30 days on from then.
    expect(later).not.toBeNull();
    expect(await validateSessionToken(getDb(), { token, now: start + 3 * SESSION_LIFETIME })).toBeNull();
    expect(
      await getDb().selectFrom("session").where("id", "=", sessionIdFromToken(token)).selectAll().execute(),
    ).toEqual([]);
  });

  it("slides only when used in the last 15 days, so most requests write nothing", async () => {
    const start = Date.UTC(2026, 1, 1);
    const token = await freshSession(start);
    const early = await validateSessionToken(getDb(), { token, now: start + 5 * DAY });
    expect(early!.expiresAt).toBe(start + SESSION_LIFETIME);
    const late = await validateSessionToken(getDb(), { token, now: start + 20 * DAY });
    expect(late!.expiresAt).toBe(start + 20 * DAY + SESSION_LIFETIME);
  });

  it("answers lookups of one token made at the same time with one lookup, and keeps nothing afterwards", async () => {
    const token = await freshSession(Date.now());
    const cookie = `${SESSION_COOKIE}=${token}`;
    // The root's loader and the page's get separate copies of the request.
    const [root, page] = [getSession(getRequest("/", cookie)), getSession(getRequest("/threads/x", cookie))];
    expect(page).toBe(root);
    expect((await root)?.user).toMatchObject({ username: expect.stringMatching(/^expiry_/) });
    // Once answered, the next request looks again: signing out elsewhere counts at once.
    await getDb().deleteFrom("session").where("id", "=", sessionIdFromToken(token)).execute();
    const after = getSession(getRequest("/", cookie));
    expect(after).not.toBe(root);
    expect(await after).toBeNull();
  });

  it("ignores cookies that are not tokens of ours", async () => {
    expect(await getUser(getRequest("/", `${SESSION_COOKIE}=not-a-token`))).toBeNull();
    expect(await getUser(getRequest("/", `${SESSION_COOKIE}=${generateSessionToken()}`))).toBeNull();
  });
});

describe("npm run user:role", () => {
  const exec = promisify(execFile);
  const runRole = (...args: string[]) =>
    exec(process.execPath, ["--import", "tsx", "scripts/user-role.ts", ...args], { env: { ...process.env } }).then(
      (r) => ({ code: 0, ...r }),
      (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
    );

  it("sets a role by username, in any case", async () => {
    await join("Promoted");
    const result = await runRole("promoted", "moderator");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/promoted is now a moderator/);
    const user = await getDb()
      .selectFrom("user")
      .select("role")
      .where("username", "=", "Promoted")
      .executeTakeFirstOrThrow();
    expect(user.role).toBe("moderator");
  });

  it("says clearly when the user does not exist, and exits non-zero", async () => {
    const result = await runRole("ghost", "admin");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no user called "ghost"/);
  });

  it("refuses a role that does not exist", async () => {
    const result = await runRole("ghost", "overlord");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage/);
  });
});
