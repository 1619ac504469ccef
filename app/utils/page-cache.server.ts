/**
 * A cache of the pages visitors see, as Discourse keeps for anonymous
 * readers: the rendered page (and its gzip) by address, and the data the same
 * page sends for a client-side navigation, so a visitor's page costs a lookup
 * instead of a render. Each page carries tags naming what it
 * shows ("thread:the-opener:page:3"); a write invalidates exactly the tags it
 * changes, so a vote drops one page of one thread, not the whole site.
 *
 * The server (scripts/server.ts) owns the cache; the app's models only
 * invalidate. They live in different module instances (the server under tsx,
 * the app in the Remix build), so the cache registers itself on globalThis.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

const REGISTRY = Symbol.for("beyond-hello.page-cache");

export interface CachedPage {
  body: Buffer;
  gzip: Buffer;
  etag: string;
  contentType: string;
  /** Extra headers to send with it (the CSP that matches its inline scripts, a download's filename). */
  headers: Record<string, string>;
  tags: string[];
}

export class PageCache {
  private pages = new Map<string, CachedPage>();
  private byTag = new Map<string, Set<string>>();
  private bytes = 0;
  /** Bumped by every invalidation: a render that began before one may hold stale data and is not stored. */
  generation = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get(key: string): CachedPage | undefined {
    const page = this.pages.get(key);
    if (page) {
      // Re-insert: Map order is the eviction order, oldest used first.
      this.pages.delete(key);
      this.pages.set(key, page);
    }
    return page;
  }

  set(key: string, page: CachedPage, startedAt: number): void {
    if (startedAt !== this.generation) return;
    this.delete(key);
    this.pages.set(key, page);
    this.bytes += page.body.length + page.gzip.length;
    for (const tag of page.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const oldest of this.pages.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  invalidate(tags: string[]): void {
    this.generation += 1;
    for (const tag of tags) {
      if (tag === pageTag.everything) {
        this.pages.clear();
        this.byTag.clear();
        this.bytes = 0;
        return;
      }
      for (const key of this.byTag.get(tag) ?? []) this.delete(key);
    }
  }

  get size(): number {
    return this.pages.size;
  }

  private delete(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.body.length + page.gzip.length;
    for (const tag of page.tags) this.byTag.get(tag)?.delete(key);
  }
}

export function registerPageCache(cache: PageCache): void {
  (globalThis as Record<symbol, unknown>)[REGISTRY] = cache;
}

/** Drops the cached pages that show what a write changed. A no-op when no cache runs (tests, scripts). */
export function invalidatePages(tags: string[]): void {
  (globalThis as Record<symbol, PageCache | undefined>)[REGISTRY]?.invalidate(tags);
}

/**
 * The one set of tag builders: what a cached page shows, and what a write names to drop. A write
 * drops a thread's tag to drop all its pages, or one page's tag for just that page.
 */
export const pageTag = {
  /** The home page's list of threads. */
  threadList: "threads",
  guide: "guide",
  /** The public moderation log's first page. */
  log: "log",
  /** Every cached page. */
  everything: "*",
  thread: (slug: string) => `thread:${slug}`,
  threadPage: (slug: string, page: number | string) => `thread:${slug}:page:${page}`,
  threadExamples: (slug: string) => `thread:${slug}:examples`,
};

/**
 * The page a single-fetch data request belongs to: `/threads/x.data` is the
 * data of `/threads/x`, and `/_root.data` that of `/`. Null for any other path.
 */
export function pageOfData(pathname: string): string | null {
  if (!pathname.endsWith(".data")) return null;
  return pathname === "/_root.data" ? "/" : pathname.slice(0, -".data".length);
}

/** The query parameters each cached page reads; any other is ignored by the page, so by its cache key too. */
function paramsRead(pathname: string): string[] {
  if (pathname === "/moderation-log") return ["page"];
  // "/?account=deleted" carries a one-time notice: kept in the address, and that page is never stored.
  if (pathname === "/") return ["account"];
  return /^\/threads\/[a-z0-9-]+$/.test(pathname) ? ["sort", "page", "reply", "view"] : [];
}

/**
 * A page's address as the cache knows it: only the parameters the page reads, in one order, first value
 * each (plus single fetch's `_routes` on a `.data` request). Junk parameters (`?x=1`, `?x=2`, …) would
 * otherwise make a fresh render each, and a cache entry each (issue 13). The server renders this address
 * too, so what is stored under it is exactly its page.
 */
export function canonicalSearch(pathname: string, search: URLSearchParams): string {
  const dataOf = pageOfData(pathname);
  const names = [...paramsRead(dataOf ?? pathname), ...(dataOf === null ? [] : ["_routes"])];
  const kept = new URLSearchParams();
  for (const name of names) {
    const value = search.get(name);
    if (value !== null) kept.set(name, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : "";
}

/** The tags of a visitor's page, from its address; null when the page is not cached. */
export function pageTags(pathname: string, search: URLSearchParams): string[] | null {
  if (pathname === "/") return search.has("account") ? null : [pageTag.threadList];
  if (pathname === "/guide" || pathname === "/guide.md") return [pageTag.guide];
  if (pathname === "/moderation-log") return search.size === 0 ? [pageTag.log] : null;
  const feed = feedTags(pathname);
  if (feed) return feed;
  const thread = pathname.match(/^\/threads\/([a-z0-9-]+)$/);
  if (!thread) return null;
  const slug = thread[1];
  const sort = search.get("sort");
  if (search.has("reply") || search.has("view")) return null;
  if (sort === "top" || sort === "new") return [pageTag.thread(slug), pageTag.threadExamples(slug)];
  const page = search.get("page") ?? "1";
  return /^[1-9]\d{0,6}$/.test(page) ? [pageTag.thread(slug), pageTag.threadPage(slug, page)] : null;
}

/**
 * The Atom feeds' tags: those the writes that change what they list already drop. A hide, withhold,
 * fix or delete drops the post's thread and the guide; a new post drops the thread list.
 */
function feedTags(pathname: string): string[] | null {
  if (pathname === "/feed.xml" || /^\/u\/[^/]+\/feed\.xml$/.test(pathname)) return [pageTag.threadList, pageTag.guide];
  if (pathname === "/guide/feed.xml") return [pageTag.guide];
  const thread = pathname.match(/^\/threads\/([a-z0-9-]+)\/feed\.xml$/);
  return thread ? [pageTag.thread(thread[1])] : null;
}

/** Tags for the pages that show a post: its page of the thread and the thread's example views. */
export function postPageTags(slug: string, number: number, pageSize: number): string[] {
  return [pageTag.threadPage(slug, Math.ceil(number / pageSize)), pageTag.threadExamples(slug)];
}

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;

/**
 * Readies a rendered page for sharing between visitors: a per-request nonce
 * must not be reused, so the inline scripts lose theirs and the policy lists
 * their SHA-256 hashes instead — as strict, and the same for every reader.
 */
export function preparePage(html: string, csp: string | null): { html: string; csp: string | null } {
  if (!csp) return { html, csp };
  const hashes: string[] = [];
  const stripped = html
    .replace(INLINE_SCRIPT, (_tag, attributes: string, content: string) => {
      hashes.push(`'sha256-${createHash("sha256").update(content).digest("base64")}'`);
      return `<script${attributes}>${content}</script>`;
    })
    // The old nonce means nothing once the policy lists hashes; drop it from every script and link tag.
    .replace(/<(script|link)\b[^>]*>/g, (tag) => tag.replace(/\snonce="[^"]*"/, ""));
  return { html: stripped, csp: csp.replace(/'nonce-[^']*'/, hashes.join(" ") || "'none'") };
}

export function cachedPage(
  body: Buffer,
  contentType: string,
  headers: Record<string, string>,
  tags: string[],
): CachedPage {
  return {
    body,
    gzip: gzipSync(body),
    etag: etagOf(body),
    contentType,
    headers,
    tags,
  };
}

/** A strong ETag: the body's SHA-1. */
export function etagOf(body: Buffer): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}
