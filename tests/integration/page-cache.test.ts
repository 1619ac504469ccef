import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database";
import { joinOverHttp, seededDatabase, startServer, type RunningServer } from "../setup/server";

let server: RunningServer;
let member: string;
let postOnPage1: number;
const SLUG = "beyond-the-basics";

async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, { headers, redirect: "manual" });
}

/** The page's text as a reader sees it: React's separators between text pieces removed. */
const text = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

const cacheState = async (path: string) => (await get(path)).headers.get("x-page-cache");

/** A member's comment on the thread, as the page's form posts it. */
function postComment(body: string) {
  return fetch(`${server.url}/threads/${SLUG}`, {
    method: "POST",
    body: new URLSearchParams({ intent: "comment", body }),
    headers: { Cookie: member, Origin: server.url },
    redirect: "manual",
  });
}

let databasePath: string;

beforeAll(async () => {
  databasePath = await seededDatabase("page-cache");
  const db = openDatabase(databasePath);
  // 60 posts, so the thread has two pages; the first is an example message to vote on.
  const author = await db
    .insertInto("user")
    .values({
      username: "cache_author",
      username_key: "cache_author",
      password_hash: null,
      created_at: 0,
      deleted_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const thread = await db.selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
  const now = Date.now();
  await db
    .insertInto("post")
    .values(
      Array.from({ length: 60 }, (_, i) => ({
        thread_id: thread.id,
        number: i + 1,
        author_id: author.id,
        kind: i === 0 ? ("approach" as const) : ("comment" as const),
        body: `post ${i + 1}`,
        body_html: `<p>post ${i + 1}</p>`,
        created_at: now,
      })),
    )
    .execute();
  await db
    .updateTable("thread")
    .set({ last_post_number: 60, post_count: 60, last_activity_at: now })
    .where("id", "=", thread.id)
    .execute();
  postOnPage1 = (
    await db
      .selectFrom("post")
      .select("id")
      .where("thread_id", "=", thread.id)
      .where("number", "=", 1)
      .executeTakeFirstOrThrow()
  ).id;
  await db.destroy();
  server = await startServer(databasePath);
  member = await joinOverHttp(server.url, "cache_member");
});

afterAll(async () => {
  await server?.stop();
});

describe("the visitor page cache", () => {
  it("serves a visitor's second view from the cache, with an ETag that answers 304", async () => {
    const first = await get(`/threads/${SLUG}`);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    const html = await first.text();
    const second = await get(`/threads/${SLUG}`);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(await second.text()).toBe(html);
    const etag = second.headers.get("etag")!;
    expect(etag).toMatch(/^"/);
    const again = await get(`/threads/${SLUG}`, { "If-None-Match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("sends the page gzipped from the stored bytes when asked", async () => {
    await get("/guide");
    const response = await fetch(`${server.url}/guide`, { headers: { "Accept-Encoding": "gzip" } });
    expect(response.headers.get("x-page-cache")).toBe("hit");
    expect(response.headers.get("content-encoding")).toBe("gzip");
  });

  it("lets cached pages run only their own inline scripts: hashes in the policy, no nonce reused", async () => {
    await get("/");
    const cached = await get("/");
    const csp = cached.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+/);
    expect(csp).not.toContain("nonce");
    expect(await cached.text()).not.toContain("nonce=");
  });

  it("never serves or stores a signed-in member's page", async () => {
    const page = await get(`/threads/${SLUG}`, { Cookie: member });
    expect(page.headers.get("x-page-cache")).toBeNull();
    expect(await text(page)).toMatch(/Signed in as (<\/span>)?<a[^>]*>cache_member<\/a>/);
    expect(await (await get(`/threads/${SLUG}`)).text()).not.toContain("cache_member");
  });

  it("drops only the page a vote changes: the post's page and the example views, not page 2 or the list", async () => {
    for (const path of [`/threads/${SLUG}`, `/threads/${SLUG}?page=2`, `/threads/${SLUG}?sort=top`, "/"])
      await get(path);
    expect(await cacheState(`/threads/${SLUG}?page=2`)).toBe("hit");
    const vote = await fetch(`${server.url}/posts/${postOnPage1}/vote.data`, {
      method: "POST",
      body: new URLSearchParams({ choice: "authentic", mode: "fetch" }),
      headers: { Cookie: member, Origin: server.url },
    });
    expect(vote.status).toBe(200);
    expect(await cacheState(`/threads/${SLUG}`)).toBe("miss");
    expect(await cacheState(`/threads/${SLUG}?sort=top`)).toBe("miss");
    expect(await cacheState(`/threads/${SLUG}?page=2`)).toBe("hit");
    expect(await cacheState("/")).toBe("hit");
    // Rendered afresh, and still without the score: visitors see none on a thread (decision 0016).
    expect(await text(await get(`/threads/${SLUG}`))).not.toContain("feel authentic</strong>");
  });

  it("caches a page's data for client-side navigation like the page, and drops both together", async () => {
    const path = `/threads/${SLUG}.data?page=2`;
    const first = await get(path);
    expect(first.headers.get("x-page-cache")).toBe("miss");
    expect(first.headers.get("content-type")).toBe("text/x-script");
    const data = await first.text();
    expect(data).toContain("routes/threads.$slug");
    // A navigation needs the words: the data carries them (a document's hydration data does not).
    expect(data).toContain("<p>post 51</p>");
    const second = await get(path);
    expect(second.headers.get("x-page-cache")).toBe("hit");
    expect(second.headers.get("x-remix-response")).toBe("yes");
    expect(second.headers.get("content-security-policy")).toBeNull();
    expect(await second.text()).toBe(data);
    // "/" asks for its data as /_root.data; a member's data is never cached.
    await get("/_root.data");
    expect(await cacheState("/_root.data")).toBe("hit");
    expect((await get(path, { Cookie: member })).headers.get("x-page-cache")).toBeNull();

    expect((await postComment("A comment the cached data must show")).status).toBe(302);
    expect(await cacheState(path)).toBe("miss");
    expect(await cacheState("/_root.data")).toBe("miss");
    expect(await (await get(path)).text()).toContain("A comment the cached data must show");
  });

  it("drops the thread's pages when a moderator hides a post, so visitors see it hidden at once", async () => {
    const moderator = await joinOverHttp(server.url, "cache_moderator");
    const db = openDatabase(databasePath);
    await db.updateTable("user").set({ role: "moderator" }).where("username", "=", "cache_moderator").execute();
    const target = await db.selectFrom("post").select("id").where("body", "=", "post 55").executeTakeFirstOrThrow();
    await db.destroy();
    await get(`/threads/${SLUG}?page=2`);
    expect(await cacheState(`/threads/${SLUG}?page=2`)).toBe("hit");
    const hidden = await fetch(`${server.url}/mod/posts/${target.id}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "hide", reason: "Hidden for the cache test" }),
      headers: { Cookie: moderator, Origin: server.url },
      redirect: "manual",
    });
    expect(hidden.status).toBe(302);
    const page = await get(`/threads/${SLUG}?page=2`);
    expect(page.headers.get("x-page-cache")).toBe("miss");
    expect(await text(page)).toContain("Hidden by a moderator: Hidden for the cache test");
  });

  it("drops every page of the thread and the list when a post is added", async () => {
    for (const path of [`/threads/${SLUG}`, `/threads/${SLUG}?page=2`, "/", "/guide"]) await get(path);
    expect((await postComment("A new comment for the cache test")).status).toBe(302);
    expect(await cacheState(`/threads/${SLUG}`)).toBe("miss");
    expect(await cacheState(`/threads/${SLUG}?page=2`)).toBe("miss");
    expect(await cacheState("/")).toBe("miss");
    expect(await cacheState("/guide")).toBe("hit");
    expect(await (await get(`/threads/${SLUG}?page=2`)).text()).toContain("A new comment for the cache test");
  });
});
