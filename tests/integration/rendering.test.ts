/**
 * How a page reaches the browser (app/entry.server.tsx, app/utils/hydration.ts):
 * rendered whole by React's string renderer, with Remix's hydration data read
 * first and inlined as one script, and each post's words in the HTML only.
 * These lean on how Remix hands its data to <StreamTransfer>, so a Remix update
 * that changes it fails here, not in a browser. Hydration data is on the pages the
 * app runs on: a member's (a visitor's reading pages have none, decision 0019).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database";
import { joinOverHttp, seededDatabase, startServer, type RunningServer } from "../setup/server";

let server: RunningServer;
let member: string;
const SLUG = "beyond-the-basics";
const WORDS = "Quokka-marmalade-7391";

beforeAll(async () => {
  const databasePath = await seededDatabase("rendering");
  const db = openDatabase(databasePath);
  const author = await db
    .insertInto("user")
    .values({
      username: "render_author",
      username_key: "render_author",
      password_hash: null,
      created_at: 0,
      deleted_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const thread = await db
    .selectFrom("thread")
    .select(["id", "last_post_number"])
    .where("slug", "=", SLUG)
    .executeTakeFirstOrThrow();
  const number = thread.last_post_number + 1;
  await db
    .insertInto("post")
    .values({
      thread_id: thread.id,
      number,
      author_id: author.id,
      kind: "comment",
      body: WORDS,
      body_html: `<p>${WORDS} &amp; more</p>`,
      created_at: Date.now(),
    })
    .execute();
  await db
    .updateTable("thread")
    .set({ last_post_number: number, post_count: number })
    .where("id", "=", thread.id)
    .execute();
  await db.destroy();
  server = await startServer(databasePath, { PAGE_CACHE: "off" });
  member = await joinOverHttp(server.url, "render_reader");
});

const asMember = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { Cookie: member } });

afterAll(async () => {
  await server?.stop();
});

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** The text of the page's inline data script: the JavaScript string literal passed to enqueue(), unquoted. */
function hydrationData(html: string): string {
  const match = html.match(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\);/);
  if (!match) throw new Error("no hydration data in the page");
  return JSON.parse(match[1]) as string;
}

describe("a rendered page", () => {
  it("carries its hydration data whole, in one script, then closes the stream", async () => {
    const response = await asMember(`/threads/${SLUG}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(count(html, "streamController.enqueue(")).toBe(1);
    expect(count(html, "streamController.close()")).toBe(1);
    const data = hydrationData(html);
    expect(data).toContain("routes/threads.$slug");
    expect(data).toContain("Beyond the basics");
  });

  it("has a post's words in its HTML once, and not in the hydration data; a .data request carries them", async () => {
    const html = await (await asMember(`/threads/${SLUG}`)).text();
    expect(count(html, WORDS)).toBe(1);
    expect(html).toContain(`<p>${WORDS} &amp; more</p>`);
    expect(hydrationData(html)).not.toContain(WORDS);
    const data = await (await asMember(`/threads/${SLUG}.data`)).text();
    expect(data).toContain(`${WORDS} &amp; more`);
  });

  it("renders an error page the same way, with its status", async () => {
    const response = await asMember("/threads/no-such-thread");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("There is no thread at this address.");
    expect(count(html, "streamController.enqueue(")).toBe(1);
    expect(count(html, "streamController.close()")).toBe(1);
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await asMember(`/threads/${SLUG}`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });
});
