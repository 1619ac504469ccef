/**
 * Decision 0019: a visitor's reading pages load none of the app's JavaScript, only two small inline scripts
 * (the theme, relative times) that the page's policy allows by nonce, or by hash once the page is cached.
 * A member's pages, and the few visitor pages whose script does real work, still load the app; its files go
 * to browsers that take brotli as the build compressed them.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinOverHttp, seededDatabase, startServer, type RunningServer } from "../setup/server";

let server: RunningServer;
let member: string;
const MEMBER = "reading_member";

beforeAll(async () => {
  server = await startServer(await seededDatabase("reading-pages"));
  member = await joinOverHttp(server.url, MEMBER);
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

async function get(path: string, cookie?: string) {
  const response = await fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { response, html: await response.text() };
}

const APP_SCRIPT = /<script[^>]*\btype="module"/;
const RELATIVE_TIMES = "showRelativeTimes";

function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
}

/** Every inline script on the page is one the policy lets run: by its nonce, or by its hash. */
function expectPolicyAllows(response: Response, html: string) {
  const csp = response.headers.get("content-security-policy") ?? "";
  const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
  const tags = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
  if (nonce) {
    for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
    return;
  }
  for (const content of inlineScripts(html))
    expect(csp).toContain(`'sha256-${createHash("sha256").update(content).digest("base64")}'`);
}

// Reading pages, and the one form page whose script did nothing but say "Sending…" (decision 0019).
const PAGES_WITHOUT_APP = [
  "/",
  "/threads/the-opener",
  "/threads/the-opener?sort=top",
  "/threads/the-opener?view=pairs",
  "/guide",
  "/guide/history",
  "/about",
  `/u/${MEMBER}`,
  "/search?q=follow",
  "/insights",
  "/moderation-log",
  "/forgot",
];

describe("a visitor's reading page", () => {
  it.each(PAGES_WITHOUT_APP)("%s loads no module script, only the inline ones its policy allows", async (path) => {
    for (const round of ["first", "second (cached when the page is)"]) {
      const { response, html } = await get(path);
      expect(response.status, `${path}, ${round}`).toBe(200);
      expect(html).not.toMatch(APP_SCRIPT);
      expect(html).not.toContain("modulepreload");
      expect(html).not.toContain("__remixContext");
      expect(html).toContain(RELATIVE_TIMES);
      expect(inlineScripts(html)).toHaveLength(2);
      expectPolicyAllows(response, html);
    }
  });

  it("marks its times for the script, with the exact UTC time as the server's text", async () => {
    const { html } = await get("/threads/the-opener");
    expect(html).toMatch(/<time dateTime="[^"]+Z" data-relative="">\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC<\/time>/);
  });

  it.each(["/no-such-page", "/threads/no-such-thread"])("%s: an error page renders, without the app", async (path) => {
    const { response, html } = await get(path);
    expect(response.status).toBe(404);
    expect(html).toContain("Page not found");
    expect(html).not.toMatch(APP_SCRIPT);
    expect(html).toContain(RELATIVE_TIMES);
  });
});

describe("pages that load the app", () => {
  it.each(["/workshop", "/login", "/join", "/reset/not-a-token"])("%s does, for a visitor too", async (path) => {
    const { html } = await get(path);
    expect(html).toMatch(APP_SCRIPT);
    expect(html).not.toContain(RELATIVE_TIMES);
  });

  it.each(["/", "/threads/the-opener", "/guide", "/about"])("%s does for a member, with nonces", async (path) => {
    const { response, html } = await get(path, member);
    expect(response.status).toBe(200);
    expect(html).toMatch(APP_SCRIPT);
    expect(html).toContain("__remixContext");
    expect(html).not.toContain(RELATIVE_TIMES);
    expect(response.headers.get("content-security-policy")).toMatch(/'nonce-/);
    expectPolicyAllows(response, html);
  });
});

describe("the app's files", () => {
  it("go as the build's brotli to a browser that takes it, gzipped to one that does not, whole to others", async () => {
    const { html } = await get("/threads/the-opener", member);
    // The largest (the framework's chunk): small files are sent as they are, with or without compression.
    let file = "";
    let whole: Buffer = Buffer.alloc(0);
    for (const [, href] of html.matchAll(/<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/g)) {
      const body = (await rawGet(`${server.url}${href}`, "identity")).body;
      if (body.length > whole.length) [file, whole] = [href, body];
    }
    expect(whole.length).toBeGreaterThan(100_000);
    for (const [accepts, encoding, decode] of [
      ["gzip, deflate, br, zstd", "br", brotliDecompressSync],
      ["gzip", "gzip", gunzipSync],
    ] as const) {
      // Node's fetch would decode the body itself: ask with node:http semantics by reading the raw bytes.
      const response = await rawGet(`${server.url}${file}`, accepts);
      expect(response.headers["content-encoding"], accepts).toBe(encoding);
      expect(response.headers["content-type"]).toMatch(/^application\/javascript/);
      expect(response.headers["cache-control"]).toContain("immutable");
      expect(response.headers.vary).toContain("Accept-Encoding");
      expect(decode(response.body).equals(whole)).toBe(true);
      // Not made on the fly (the compression middleware's quality 4 is larger than gzip): the build's file.
      if (encoding === "br") expect(response.body.equals(fs.readFileSync(`public${file}.br`))).toBe(true);
    }
  });
});

function rawGet(url: string, acceptEncoding: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}
