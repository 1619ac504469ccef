import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEnv, openDatabase } from "../../db/database";
import { joinOverHttp, seededDatabase, startServer, type RunningServer } from "../setup/server";

let server: RunningServer;
let databasePath: string;
let member: string;
let moderator: string;
let postId: number;

/** Every table people's actions change, row by row: if this is equal, nothing was written. */
async function snapshot(): Promise<string> {
  const db = openDatabase(databasePath);
  const tables = [
    "user",
    "thread",
    "post",
    "post_revision",
    "vote",
    "vote_reason",
    "flag",
    "guide_section",
    "guide_entry",
    "moderation_log",
    "session",
  ];
  const hash = createHash("sha256");
  for (const table of tables) {
    // Sorted here: PostgreSQL has no rowid, and an unordered read may come back in any order.
    const rows = (await sql.raw(`select * from "${table}"`).execute(db)).rows.map((row) => JSON.stringify(row)).sort();
    hash.update(`${table}:${rows.join("\n")}`);
  }
  await db.destroy();
  return hash.digest("hex");
}

beforeAll(async () => {
  databasePath = await seededDatabase("hardening");
  const db = openDatabase(databasePath);
  postId = (
    await db.selectFrom("post").select("id").where("kind", "=", "approach").orderBy("id").executeTakeFirstOrThrow()
  ).id;
  await db.destroy();
  server = await startServer(databasePath);
  member = await joinOverHttp(server.url, "hardening_member");
  moderator = await joinOverHttp(server.url, "hardening_mod");
  // Not execFileSync: a loop blocked past the server's keep-alive would reuse a socket the server closed.
  await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "scripts/user-role.ts", "hardening_mod", "moderator"],
    {
      env: { ...process.env, ...databaseEnv(databasePath) },
    },
  );
});

afterAll(async () => {
  await server?.stop();
});

/** Every action of the site, with a body it would accept from its own pages. */
function actions(): { path: string; body: Record<string, string>; as: () => string | undefined }[] {
  const asMember = () => member;
  const asModerator = () => moderator;
  return [
    { path: "/join", body: { username: "forged_join", password: "a long enough password" }, as: () => undefined },
    { path: "/login", body: { username: "hardening_member", password: "a long enough password" }, as: () => undefined },
    { path: "/logout", body: {}, as: asMember },
    { path: "/threads/beyond-the-basics", body: { intent: "comment", body: "forged comment" }, as: asMember },
    { path: `/posts/${postId}/flag`, body: { intent: "flag", reason: "spam", note: "" }, as: asMember },
    { path: `/posts/${postId}/flag`, body: { intent: "withdraw" }, as: asMember },
    {
      path: "/threads/authentic-or-spam/share",
      body: { intent: "confirm", kind: "approach", text: "forged message" },
      as: asMember,
    },
    { path: `/posts/${postId}/vote`, body: { choice: "authentic" }, as: asMember },
    { path: "/markdown-preview", body: { body: "*x*" }, as: asMember },
    {
      path: "/settings",
      body: { intent: "delete-account", confirmUsername: "hardening_member", password: "a long enough password" },
      as: asMember,
    },
    { path: `/mod/posts/${postId}`, body: { intent: "hide", reason: "forged" }, as: asModerator },
    {
      path: "/mod/threads/new",
      body: { intent: "save", title: "Forged thread", prompt: "p", context: "" },
      as: asModerator,
    },
    { path: "/mod/threads/beyond-the-basics", body: { intent: "lock", reason: "forged" }, as: asModerator },
    { path: "/mod/guide", body: { intent: "create-section", title: "Forged section", intro: "" }, as: asModerator },
  ];
}

describe("forged requests", () => {
  it.each([
    ["a foreign Origin", (url: string) => ({ Origin: "https://evil.example", Referer: `${url}/` })],
    ["no Origin and no Referer", () => ({})],
    ["a foreign Referer and no Origin", () => ({ Referer: "https://evil.example/page" })],
  ])("with %s are refused with 403 before any action runs", async (_label, headersFor) => {
    const before = await snapshot();
    for (const action of actions()) {
      const cookie = action.as();
      const response = await fetch(`${server.url}${action.path}`, {
        method: "POST",
        body: new URLSearchParams(action.body),
        headers: { ...headersFor(server.url), ...(cookie ? { Cookie: cookie } : {}) },
        redirect: "manual",
      });
      expect(response.status, `${action.path} ${JSON.stringify(action.body)}`).toBe(403);
      expect(await response.text()).toMatch(/did not come from this site/);
    }
    expect(await snapshot()).toBe(before);
  });

  it("are told apart from the site's own pages, which may post (Referer alone is enough)", async () => {
    const response = await fetch(`${server.url}/markdown-preview`, {
      method: "POST",
      body: new URLSearchParams({ body: "*fine*" }),
      headers: { Referer: `${server.url}/threads/beyond-the-basics`, Cookie: member },
    });
    expect(response.status).toBe(200);
  });
});

describe("headers", () => {
  // A member's pages are rendered for them alone, with a fresh nonce; visitors' cached pages list
  // their inline scripts' hashes instead (tests/integration/page-cache.test.ts).
  it("send a nonce-based Content-Security-Policy and the protective headers on pages", async () => {
    const first = await fetch(`${server.url}/threads/the-opener`, { headers: { Cookie: member } });
    const second = await fetch(`${server.url}/threads/the-opener`, { headers: { Cookie: member } });
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(second.headers.get("content-security-policy")).not.toBe(csp); // a new nonce every response
    const nonce = csp.match(/'nonce-([^']+)'/)![1];
    const html = await first.text();
    const inlineScripts = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
    expect(inlineScripts.length).toBeGreaterThan(0);
    for (const tag of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
    for (const response of [first, await fetch(`${server.url}/favicon.svg`)]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });
});

describe("bad input at the door", () => {
  it("refuses bodies over 100 KB, and chunked bodies without a length", async () => {
    const big = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ username: "x", password: "y".repeat(110_000) }),
      headers: { Origin: server.url },
    });
    expect(big.status).toBe(413);
    const chunked = await fetch(`${server.url}/login`, {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("username=x&password=y"));
          controller.close();
        },
      }),
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    });
    expect(chunked.status).toBe(411);
    // A method that needs no origin check is still held to the limit: the server reads bodies whole.
    const options = await fetch(`${server.url}/login`, { method: "OPTIONS", body: "x".repeat(110_000) });
    expect(options.status).toBe(413);
  });

  it("says a not-modified answer varies by cookie, as the full answer does", async () => {
    const first = await fetch(`${server.url}/guide.data`, { headers: { Cookie: member } });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    const again = await fetch(`${server.url}/guide.data`, { headers: { Cookie: member, "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("vary")).toBe("Accept-Encoding, Cookie");
  });

  it.each([
    ["JSON", "application/json", '{"username":"a"}'],
    ["control characters", "application/x-www-form-urlencoded", "username=a%00b&password=xxxxxxxxxxxx"],
    ["invalid UTF-8", "application/x-www-form-urlencoded", "username=%FF%FE&password=xxxxxxxxxxxx"],
  ])("answers %s with 400 and a message", async (_label, type, body) => {
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      body,
      headers: { Origin: server.url, "Content-Type": type },
    });
    expect(response.status).toBe(400);
  });
});

describe("loaders", () => {
  it("never write: reading every kind of page leaves the database as it was", async () => {
    const before = await snapshot();
    const pages = [
      "/",
      "/threads/the-opener",
      "/threads/the-opener?sort=top",
      "/threads/the-opener?sort=new",
      "/guide",
      "/guide.md",
      "/guide/history",
      "/moderation-log",
      "/u/from_the_article",
      "/login",
      "/join",
      "/logout",
      "/nope",
    ];
    for (const cookie of [undefined, member, moderator]) {
      for (const page of [
        ...pages,
        ...(cookie ? ["/settings", "/settings/export", "/threads/the-opener/share"] : []),
        ...(cookie === moderator ? ["/mod", "/mod/guide", "/mod/threads/new"] : []),
      ]) {
        const response = await fetch(`${server.url}${page}`, {
          headers: cookie ? { Cookie: cookie } : {},
          redirect: "manual",
        });
        expect(response.status, page).toBeLessThan(500);
      }
    }
    // Fresh sessions are not in their last 15 days, so not even the sliding expiry wrote.
    expect(await snapshot()).toBe(before);
  });
});

describe("the request log", () => {
  it("writes one JSON line per request, with no password, session token or pasted text", async () => {
    const marker = `Quibbleworth${Date.now()}`;
    await fetch(`${server.url}/threads/the-opener/share`, {
      method: "POST",
      body: new URLSearchParams({ intent: "preview", kind: "received_reply", text: `Hi ${marker}, thanks!` }),
      headers: { Origin: server.url, Cookie: member },
    });
    const signIn = await fetch(`${server.url}/login?secret=in-the-query`, {
      method: "POST",
      body: new URLSearchParams({ username: "hardening_member", password: "a long enough password" }),
      headers: { Origin: server.url },
      redirect: "manual",
    });
    expect(signIn.status).toBe(302);
    // A line is written when its response has finished, a moment after the client has it: wait for it (bounded).
    const logged = () =>
      server
        .output()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as { method: string; path: string; status: number; ms: number });
    for (
      let i = 0;
      i < 500 && !logged().some((e) => e.path === "/login" && e.method === "POST" && e.status === 302);
      i++
    )
      await new Promise((r) => setTimeout(r, 20));
    const entries = logged();
    expect(entries.find((e) => e.path === "/threads/the-opener/share" && e.method === "POST")).toMatchObject({
      status: 200,
      ms: expect.any(Number),
    });
    expect(entries.find((e) => e.path === "/login" && e.method === "POST" && e.status === 302)).toBeDefined();
    const output = server.output();
    expect(output).not.toContain(marker);
    expect(output).not.toContain("a long enough password");
    expect(output).not.toContain("in-the-query");
    expect(output).not.toContain(member.split("=")[1]);
  });
});
