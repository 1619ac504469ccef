import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import {
  cachedPage,
  canonicalSearch,
  PageCache,
  pageOfData,
  pageTags,
  postPageTags,
  preparePage,
} from "./page-cache.server";

const page = (body: string, tags: string[]) => cachedPage(Buffer.from(body), "text/html", {}, tags);

describe("PageCache", () => {
  it("drops exactly the pages whose tags a write names", () => {
    const cache = new PageCache();
    cache.set("/threads/a?page=1", page("a1", ["thread:a", "thread:a:page:1"]), 0);
    cache.set("/threads/a?page=2", page("a2", ["thread:a", "thread:a:page:2"]), 0);
    cache.set("/", page("home", ["threads"]), 0);
    cache.invalidate(["thread:a:page:2"]);
    expect(cache.get("/threads/a?page=1")).toBeDefined();
    expect(cache.get("/threads/a?page=2")).toBeUndefined();
    expect(cache.get("/")).toBeDefined();
    cache.invalidate(["thread:a"]);
    expect(cache.get("/threads/a?page=1")).toBeUndefined();
    expect(cache.get("/")).toBeDefined();
    cache.invalidate(["*"]);
    expect(cache.size).toBe(0);
  });

  it("does not store a page whose render began before an invalidation", () => {
    const cache = new PageCache();
    const startedAt = cache.generation;
    cache.invalidate(["thread:a"]);
    cache.set("/threads/a", page("stale", ["thread:a"]), startedAt);
    expect(cache.get("/threads/a")).toBeUndefined();
  });

  it("evicts the least recently used pages past its size", () => {
    const cache = new PageCache(3000);
    const big = "x".repeat(1000);
    cache.set("/1", page(big, ["a"]), 0);
    cache.set("/2", page(big, ["a"]), 0);
    cache.get("/1");
    cache.set("/3", page(big, ["a"]), 0);
    expect(cache.get("/2")).toBeUndefined();
    expect(cache.get("/1")).toBeDefined();
    expect(cache.get("/3")).toBeDefined();
  });
});

describe("cachedPage", () => {
  it("keeps the gzip of the body and a strong ETag of it", () => {
    const stored = page("<p>hello</p>", []);
    expect(gunzipSync(stored.gzip).toString()).toBe("<p>hello</p>");
    expect(stored.etag).toMatch(/^"[\w-]+"$/);
    expect(page("<p>hello</p>", []).etag).toBe(stored.etag);
    expect(page("<p>other</p>", []).etag).not.toBe(stored.etag);
  });
});

describe("pageTags", () => {
  it.each([
    ["/", "", ["threads"]],
    ["/guide", "", ["guide"]],
    ["/guide.md", "", ["guide"]],
    ["/threads/the-opener", "", ["thread:the-opener", "thread:the-opener:page:1"]],
    ["/threads/the-opener", "page=3", ["thread:the-opener", "thread:the-opener:page:3"]],
    ["/threads/the-opener", "sort=top", ["thread:the-opener", "thread:the-opener:examples"]],
    ["/threads/the-opener", "reply=4", null],
    ["/threads/the-opener", "page=x", null],
    ["/threads/the-opener/share", "", null],
    ["/u/someone", "", null],
    ["/moderation-log", "before=3", null],
    ["/feed.xml", "", ["threads", "guide"]],
    ["/guide/feed.xml", "", ["guide"]],
    ["/threads/the-opener/feed.xml", "", ["thread:the-opener"]],
    ["/u/someone/feed.xml", "", ["threads", "guide"]],
  ])("%s?%s → %j", (path, search, tags) => {
    expect(pageTags(path, new URLSearchParams(search))).toEqual(tags);
  });

  it("names a post's page of its thread", () => {
    expect(postPageTags("t", 50, 50)).toEqual(["thread:t:page:1", "thread:t:examples"]);
    expect(postPageTags("t", 51, 50)).toEqual(["thread:t:page:2", "thread:t:examples"]);
  });
});

describe("pageOfData", () => {
  it("names the page a single-fetch data request belongs to, and nothing for other paths", () => {
    expect(pageOfData("/threads/the-opener.data")).toBe("/threads/the-opener");
    expect(pageOfData("/_root.data")).toBe("/");
    expect(pageOfData("/guide.data")).toBe("/guide");
    expect(pageOfData("/threads/the-opener")).toBeNull();
    expect(pageOfData("/guide.md")).toBeNull();
  });
});

describe("preparePage", () => {
  it("replaces the per-request nonce with the hashes of the inline scripts", () => {
    const html =
      '<html><script nonce="abc">window.x=1</script><script src="/build/a.js" nonce="abc"></script><script nonce="abc" type="module">import "/b.js";</script></html>';
    const { html: shared, csp } = preparePage(html, "default-src 'self'; script-src 'self' 'nonce-abc'");
    expect(shared).not.toContain("nonce");
    expect(shared).toContain('<script src="/build/a.js"></script>');
    expect(shared).toContain("<script>window.x=1</script>");
    expect(shared).toContain('<script type="module">import "/b.js";</script>');
    const hash = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
    expect(csp).toBe(`default-src 'self'; script-src 'self' ${hash("window.x=1")} ${hash('import "/b.js";')}`);
  });
});

describe("the account-deleted notice on /", () => {
  it("keeps ?account in the address and never stores that page", () => {
    expect(canonicalSearch("/", new URLSearchParams("account=deleted&x=1"))).toBe("?account=deleted");
    expect(pageTags("/", new URLSearchParams("account=deleted"))).toBeNull();
    expect(pageTags("/", new URLSearchParams())).not.toBeNull();
  });
});
