/**
 * The Atom feeds, from the real built server with its page cache: each is well-formed XML that a
 * maintained feed parser reads, with Atom's required elements and absolute links from SITE_URL; only
 * words readers can see, as stored (anonymised), no scores; and a moderator's hide drops the cached feeds.
 */
import { XMLValidator } from "fast-xml-parser";
import { parseAtomFeed } from "feedsmith";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database";
import { joinOverHttp, seededDatabase, startServer, type RunningServer } from "../setup/server";

const SLUG = "following-up";
const SITE = "https://feeds.example";
let server: RunningServer;
let databasePath: string;
let author: string;
let moderator: string;

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
const cacheState = async (path: string) => (await get(path)).headers.get("x-page-cache");

function share(text: string) {
  return fetch(`${server.url}/threads/${SLUG}/share`, {
    method: "POST",
    body: new URLSearchParams({ intent: "confirm", kind: "approach", text }),
    headers: { Cookie: author, Origin: server.url },
    redirect: "manual",
  });
}

async function postByText(fragment: string) {
  const db = openDatabase(databasePath);
  try {
    return await db
      .selectFrom("post")
      .select(["id", "body"])
      .where("body", "like", `%${fragment}%`)
      .executeTakeFirstOrThrow();
  } finally {
    await db.destroy();
  }
}

/** Fetches a feed, checks it is well-formed Atom with the required elements, and returns it parsed with its text. */
async function feed(path: string) {
  const response = await get(path);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
  const xml = await response.text();
  expect(XMLValidator.validate(xml)).toBe(true);
  const parsed = parseAtomFeed(xml);
  expect(parsed.id).toBe(`${SITE}${path}`);
  expect(parsed.title?.value).toBeTruthy();
  expect(Number.isNaN(Date.parse(parsed.updated ?? ""))).toBe(false);
  expect(parsed.authors?.[0]?.name).toBeTruthy();
  expect(parsed.links?.find((link) => link.rel === "self")?.href).toBe(`${SITE}${path}`);
  for (const entry of parsed.entries ?? []) {
    expect(entry.id).toMatch(/^https:\/\/feeds\.example\//);
    expect(entry.title?.value).toBeTruthy();
    expect(Number.isNaN(Date.parse(entry.updated ?? ""))).toBe(false);
    expect(entry.authors?.[0]?.name ?? parsed.authors?.[0]?.name).toBeTruthy();
    for (const link of entry.links ?? []) expect(link.href).toMatch(/^https:\/\/feeds\.example\//);
  }
  return { xml, parsed, contents: (parsed.entries ?? []).map((entry) => entry.content?.value ?? "") };
}

beforeAll(async () => {
  databasePath = await seededDatabase("feeds");
  server = await startServer(databasePath, { SITE_URL: SITE });
  author = await joinOverHttp(server.url, "feed_author");
  moderator = await joinOverHttp(server.url, "feed_moderator");
  const db = openDatabase(databasePath);
  await db.updateTable("user").set({ role: "moderator" }).where("username", "=", "feed_moderator").execute();
  await db.destroy();
  for (const text of [
    "Hello Tom, I loved your talk on visible feed one. Regards, Lee",
    "A withheld feed two message about the launch.",
    "A deleted feed three message about the launch.",
    "A hidden feed four message about the launch.",
  ]) {
    expect((await share(text)).status).toBe(302);
  }
  // Withheld for review (a flag's effect) and deleted by its author: set as those actions leave them.
  const withheld = await postByText("feed two");
  const deleted = await postByText("feed three");
  const write = openDatabase(databasePath);
  await write.updateTable("post").set({ review_pending_at: Date.now() }).where("id", "=", withheld.id).execute();
  await write.updateTable("post").set({ deleted_at: Date.now() }).where("id", "=", deleted.id).execute();
  await write.destroy();
});

afterAll(async () => {
  await server?.stop();
});

describe("Atom feeds", () => {
  it("serves the four feeds as valid Atom, with absolute links from SITE_URL and no scores", async () => {
    for (const path of ["/feed.xml", `/threads/${SLUG}/feed.xml`, "/guide/feed.xml", "/u/feed_author/feed.xml"]) {
      const { xml } = await feed(path);
      expect(xml).not.toMatch(/\d+\s*(votes?|authentic|%)/i);
      // A forged Host header changes nothing: links come from SITE_URL.
      const forged = await (await get(path, { Host: "evil.example" })).text();
      expect(forged).not.toContain("evil.example");
    }
  });

  it("carries the stored, anonymised text of example messages and never a withheld or deleted one", async () => {
    const visible = await postByText("feed one");
    expect(visible.body).not.toMatch(/\bTom\b|\bLee\b/);
    for (const path of ["/feed.xml", `/threads/${SLUG}/feed.xml`, "/u/feed_author/feed.xml"]) {
      const { xml, contents } = await feed(path);
      expect(contents).toContain(visible.body);
      expect(xml).not.toMatch(/\bTom\b|\bLee\b/);
      expect(xml).not.toContain("feed two");
      expect(xml).not.toContain("feed three");
    }
  });

  it("lists a moderator's change to the guide in the guide's feed, and drops its cached copy", async () => {
    await feed("/guide/feed.xml");
    expect(await cacheState("/guide/feed.xml")).toBe("hit");
    const created = await fetch(`${server.url}/mod/guide`, {
      method: "POST",
      body: new URLSearchParams({ intent: "create-section", title: "Feed & <test> section", intro: "" }),
      headers: { Cookie: moderator, Origin: server.url },
      redirect: "manual",
    });
    expect(created.status).toBe(302);
    expect(await cacheState("/guide/feed.xml")).toBe("miss");
    const { parsed, xml } = await feed("/guide/feed.xml");
    expect(parsed.entries?.some((entry) => entry.title?.value?.includes("Feed & <test> section"))).toBe(true);
    expect(xml).toContain("Feed &amp; &lt;test&gt; section");
  });

  it("answers 404 for a thread or member that does not exist", async () => {
    expect((await get("/threads/no-such-thread/feed.xml")).status).toBe(404);
    expect((await get("/u/nobody_here/feed.xml")).status).toBe(404);
  });

  it("is cached for visitors and dropped when a moderator hides a post, which then appears in no feed", async () => {
    const paths = ["/feed.xml", `/threads/${SLUG}/feed.xml`, "/u/feed_author/feed.xml"];
    for (const path of paths) {
      expect((await feed(path)).xml).toContain("feed four");
      expect(await cacheState(path)).toBe("hit");
    }
    const hidden = await postByText("feed four");
    const response = await fetch(`${server.url}/mod/posts/${hidden.id}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "hide", reason: "Hidden for the feed test" }),
      headers: { Cookie: moderator, Origin: server.url },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    for (const path of paths) {
      const after = await get(path);
      expect(after.headers.get("x-page-cache")).toBe("miss");
      expect(await after.text()).not.toContain("feed four");
    }
  });
});
