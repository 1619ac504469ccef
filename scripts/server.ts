/**
 * The production server: migrates and seeds the database, then serves the
 * built Remix app behind the checks every request passes — a body limit,
 * forged-request refusal, security headers, one log line per request — with
 * visitors' pages from an in-process cache, and stops cleanly on SIGTERM.
 * Run `npm start` (which builds first when needed) or `npm run serve`.
 */
import cluster from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { comesFromSite, isSafeMethod } from "../app/utils/origin";
import {
  cachedPage,
  canonicalSearch,
  etagOf,
  PageCache,
  pageOfData,
  pageTags,
  preparePage,
  registerPageCache,
  type CachedPage,
} from "../app/utils/page-cache.server";
import { securityHeaders } from "../app/utils/security-headers";
import { SESSION_COOKIE } from "../app/utils/session-cookie";
import { parseSiteUrl } from "../app/utils/site-url.server";
import { parseTrustProxy } from "../app/utils/trust-proxy";
import { databaseLabel, databaseLocation, openDatabase } from "../db/database";
import { refreshPlannerStatistics } from "../db/dialect/statistics";
import { migrateOrThrow } from "../db/migrate";
import { isPostgresUrl } from "../db/postgres";
import { seed } from "../db/seed";
import { SharedPageCache } from "./shared-page-cache";
import { superviseWorkers, workerCount } from "./workers";

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const production = process.env.NODE_ENV === "production";
const pageCacheOn = process.env.PAGE_CACHE !== "off";
const MAX_BODY_BYTES = 100 * 1024;
// Rendering is CPU-bound and this process has one thread: beyond a few at once, more concurrent
// renders only hold more pages in memory at the same time. The rest wait their turn, holding a socket.
const MAX_CONCURRENT_RENDERS = Number(process.env.MAX_CONCURRENT_RENDERS || 4);

async function prepareDatabase(): Promise<void> {
  const db = openDatabase();
  try {
    await migrateOrThrow(db);
    // Fresh statistics for the query planner (cheap: only what changed enough, or was never analysed).
    await refreshPlannerStatistics(db);
    const { threadsAdded, examplesAdded } = await seed(db);
    if (threadsAdded || examplesAdded) {
      console.log(
        `Opened ${threadsAdded} prompt thread(s) with ${examplesAdded} example message(s) from the article in ${databaseLabel()}`,
      );
    }
  } finally {
    await db.destroy();
  }
}

// Read before anything else, so a wrong setting stops the server at once with a message naming it.
const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
const configuredSiteUrl = process.env.SITE_URL ? parseSiteUrl(process.env.SITE_URL) : null;

/**
 * The site's own origin as the browser sees it. Behind a proxy trusted by TRUST_PROXY, the protocol and host
 * are the ones it forwards (X-Forwarded-Proto, X-Forwarded-Host); from anyone else those headers are ignored.
 */
function siteOrigin(req: express.Request): string {
  // Express keeps its compiled TRUST_PROXY check under this setting, untyped.
  const trustedAddress = req.app.get("trust proxy fn") as (address: string, hop: number) => boolean;
  const trusted = trustProxy !== undefined && trustedAddress(req.socket.remoteAddress ?? "", 0);
  const forwardedHost = trusted ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return `${req.protocol}://${forwardedHost || req.get("host")}`;
}

/** Signed-in members (anyone with a session cookie) are never served from, nor stored in, the page cache. */
function hasSessionCookie(req: http.IncomingMessage): boolean {
  return (req.headers.cookie ?? "").includes(`${SESSION_COOKIE}=`);
}

function acceptsGzip(req: http.IncomingMessage): boolean {
  return /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
}

/** The whole request body (at most 100 KB: the door refused anything larger). */
async function readBody(req: express.Request): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toWebRequest(req: express.Request, res: express.Response, url: URL, body: Buffer | null): Request {
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return new Request(url, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(body ? { body: new Uint8Array(body) } : {}),
  });
}

/** A tiny counting semaphore: at most `limit` holders at once, the rest queued in arrival order. */
function semaphore(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/** Sends a body, gzipped when the client takes it and it is worth it, with an ETag answering 304 when unchanged. */
function sendBody(req: express.Request, res: express.Response, body: Buffer, etag: string | null): void {
  // Before any 304 too: a cache must know a not-modified answer varies as the full one does.
  res.setHeader("Vary", "Accept-Encoding, Cookie");
  if (etag) {
    res.setHeader("ETag", etag);
    if (req.get("if-none-match") === etag) {
      res.status(304).end();
      return;
    }
  }
  // A page rendered for one request is compressed for that request alone, at level 4: a member's
  // thread page (114 KB) takes 0.9 ms instead of the default level's 1.2 ms, for 6% more bytes.
  // Cached pages are compressed once, at the default level.
  const compressed = acceptsGzip(req) && body.length > 1024 ? gzipSync(body, { level: 4 }) : null;
  if (compressed) res.setHeader("Content-Encoding", "gzip");
  const payload = compressed ?? body;
  res.setHeader("Content-Length", payload.length);
  res.end(req.method === "HEAD" ? undefined : payload);
}

// One structured line per request: never a body, a cookie or a query string. Lines are written in
// batches (at most 50 ms late) so that logging does not cost a system call per request.
let pendingLog = "";
function logRequest(method: string, path: string, status: number, started: bigint): void {
  const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
  if (!pendingLog) setTimeout(flushLog, 50).unref();
  pendingLog += `${JSON.stringify({ t: new Date().toISOString(), method, path, status, ms })}\n`;
}
function flushLog(): void {
  if (pendingLog) process.stdout.write(pendingLog);
  pendingLog = "";
}

const headers = securityHeaders({ production });

/** Sends a stored page: its bytes (gzipped when the client takes it), its headers, and 304 when the ETag matches. */
function writeCachedPage(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  page: CachedPage,
  source: "hit" | "miss",
): number {
  const gzip = acceptsGzip(req);
  const notModified = req.headers["if-none-match"] === page.etag;
  const body = gzip ? page.gzip : page.body;
  const status = notModified ? 304 : 200;
  res.writeHead(status, {
    ...headers,
    ...page.headers,
    "Content-Type": page.contentType,
    "Cache-Control": "no-cache",
    ETag: page.etag,
    Vary: "Accept-Encoding, Cookie",
    "X-Page-Cache": source,
    ...(notModified ? {} : { "Content-Length": body.length, ...(gzip ? { "Content-Encoding": "gzip" } : {}) }),
  });
  res.end(notModified || req.method === "HEAD" ? undefined : body);
  return status;
}

/** A visitor's cached page, answered before Express and Remix see the request: the bytes and the log line, nothing else. */
function serveFromCache(cache: PageCache, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if ((req.method !== "GET" && req.method !== "HEAD") || hasSessionCookie(req)) return false;
  const url = new URL(req.url ?? "/", "http://cache.invalid");
  const page = cache.get(url.pathname + canonicalSearch(url.pathname, url.searchParams));
  if (!page) return false;
  const started = process.hrtime.bigint();
  logRequest(req.method, url.pathname, writeCachedPage(req, res, page, "hit"), started);
  return true;
}

/**
 * The build's files as brotli, compressed once at build time at the best quality (scripts/build.js), for
 * browsers that take it: 13% fewer bytes than gzip. The compression middleware would make brotli on the fly
 * at quality 4, larger than gzip. Anything else (no `.br`, a client without brotli) falls through to it.
 */
function serveBrotli(folder: string): express.RequestHandler {
  const files = new Set<string>();
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    // Node 20.11 names the folder `path`; 20.12 and later `parentPath`.
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && entry.name.endsWith(".br") && fs.existsSync(file.slice(0, -3)))
      files.add(`/${path.relative(folder, file.slice(0, -3)).split(path.sep).join("/")}`);
  }
  const serve = express.static(folder, {
    immutable: true,
    maxAge: "1y",
    index: false,
    setHeaders: (res: express.Response, file: string) => {
      res.type(path.extname(file.slice(0, -3)));
      res.setHeader("Content-Encoding", "br");
      res.setHeader("Vary", "Accept-Encoding");
    },
  });
  return (req, res, next) => {
    if (!isSafeMethod(req.method) || !files.has(req.path) || req.acceptsEncodings("br") !== "br") return next();
    const url = req.url;
    req.url = `${req.path}.br`;
    void serve(req, res, () => {
      req.url = url;
      next();
    });
  };
}

async function main(): Promise<void> {
  const workers = workerCount();
  const onPostgres = isPostgresUrl(databaseLocation());
  if (workers > 1 && !onPostgres)
    throw new Error("WORKERS above 1 needs PostgreSQL (DATABASE_URL): SQLite's page caches could not hear each other.");
  if (cluster.isPrimary) await prepareDatabase();
  if (cluster.isPrimary && workers > 1) return superviseWorkers(workers);
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild & {
    entry: {
      module: { closeDb?: () => Promise<void>; startMailJob?: () => void; stopMailJob?: () => Promise<void> };
    };
  };
  const handleRemix = createRequestHandler(build, "production");
  const rendering = semaphore(MAX_CONCURRENT_RENDERS);
  // On PostgreSQL other processes may write too (WORKERS, more machines): invalidations travel by LISTEN/NOTIFY.
  const cache = onPostgres ? new SharedPageCache(databaseLocation()) : new PageCache();
  if (pageCacheOn) {
    if (cache instanceof SharedPageCache) await cache.start();
    registerPageCache(cache);
  }

  const app = express();
  app.disable("x-powered-by");
  app.disable("etag");
  // Nothing here reads req.query (Remix parses the URL itself): skip parsing every query string.
  app.set("query parser", false);
  if (trustProxy !== undefined) app.set("trust proxy", trustProxy);

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => logRequest(req.method, req.path, res.statusCode, started));
    res.set(headers);
    next();
  });

  app.use((req, res, next) => {
    if (
      !isSafeMethod(req.method) &&
      // RFC 8058: a mail provider posts one-click unsubscribes from its own servers, with no Origin and no
      // Referer; the signed token is the proof. Another site's Origin is still refused.
      !(req.path.startsWith("/unsubscribe/") && !req.get("origin") && !req.get("referer")) &&
      !comesFromSite({ origin: req.get("origin"), referer: req.get("referer") }, siteOrigin(req)) &&
      !(
        configuredSiteUrl &&
        comesFromSite({ origin: req.get("origin"), referer: req.get("referer") }, configuredSiteUrl)
      )
    ) {
      res
        .status(403)
        .type("text/plain")
        .send("This request did not come from this site's own pages, so it was refused.");
      return;
    }
    // Every method's body is bounded, a safe one's (OPTIONS) too: the body is read whole before rendering.
    const length = req.get("content-length");
    if (length === undefined && req.get("transfer-encoding")) {
      res.status(411).type("text/plain").send("Send the request with a Content-Length.");
      return;
    }
    if (Number(length ?? 0) > MAX_BODY_BYTES) {
      res.status(413).type("text/plain").send("That request is too large (the limit is 100 KB).");
      return;
    }
    next();
  });

  // Static files: the build's assets, and the few files at the top of public/. Only their paths go
  // to the file system; looking up every page's path there cost a stat() a request.
  const compress = compression();
  app.use(
    "/build",
    serveBrotli("public/build"),
    compress,
    express.static("public/build", { immutable: true, maxAge: "1y" }),
  );
  const publicFiles = new Set(
    fs
      .readdirSync("public", { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  const servePublic = express.static("public", { maxAge: "1h" });
  app.use((req, res, next) => {
    if (publicFiles.has(req.path)) compress(req, res, () => void servePublic(req, res, next));
    else next();
  });

  /** Renders with Remix and sends the answer; a visitor's page is also prepared, stored and sent from the cache. */
  async function render(req: express.Request, res: express.Response, body: Buffer | null): Promise<void> {
    const url = new URL(req.originalUrl, siteOrigin(req));
    const readOnly = req.method === "GET" || req.method === "HEAD";
    // A page's data for a client-side navigation (single fetch: `/threads/x.data`, `/_root.data` for
    // "/") is the same for every visitor too, and changes with its page: it is cached under its tags.
    const dataOf = pageOfData(url.pathname);
    const dataRequest = dataOf !== null;
    // Only a GET is stored: a HEAD's answer has no body, and stored it would empty the page for everyone.
    const visitorGet = pageCacheOn && req.method === "GET" && !hasSessionCookie(req);
    const canonical = visitorGet ? canonicalSearch(url.pathname, url.searchParams) : url.search;
    const tags = visitorGet ? pageTags(dataOf ?? url.pathname, new URLSearchParams(canonical)) : null;
    // Hits were answered before Express (serveFromCache); this is a miss, to render and store. It is rendered
    // at the address it is stored under, so parameters the page does not read cannot reach what is stored.
    const key = tags ? url.pathname + canonical : null;
    if (tags) url.search = canonical;
    const startedAt = cache.generation;
    // Only a document request (not a `.data` one) gets a holder for its page's HTML, and a nonce for
    // its inline scripts; loaders read the holder's presence to leave what the page's HTML already
    // carries out of the hydration data.
    const document: { html: string | null } = { html: null };
    const response = await handleRemix(toWebRequest(req, res, url, body), {
      clientIp: req.ip ?? "unknown",
      ...(dataRequest ? {} : { document, cspNonce: crypto.randomBytes(16).toString("base64") }),
    });
    // A rendered page comes back as a string beside the response (entry.server); anything else in its body.
    const contentType = response.headers.get("content-type") ?? "";
    const storable = dataRequest
      ? contentType === "text/x-script"
      : /^(text\/(html|markdown)|application\/atom\+xml)/.test(contentType);
    if (key && tags && response.status === 200 && !response.headers.has("set-cookie") && storable) {
      const text = document.html ?? (await response.text());
      // Pages get hashes for their inline scripts in place of the nonce; data has no scripts.
      const prepared = dataRequest ? null : preparePage(text, response.headers.get("content-security-policy"));
      const extra: Record<string, string> = {};
      if (prepared?.csp) extra["Content-Security-Policy"] = prepared.csp;
      for (const name of ["Content-Disposition", "X-Remix-Response"]) {
        const value = response.headers.get(name);
        if (value) extra[name] = value;
      }
      const page = cachedPage(Buffer.from(prepared?.html ?? text), contentType, extra, tags);
      cache.set(key, page, startedAt);
      writeCachedPage(req, res, page, "miss");
      return;
    }
    res.status(response.status);
    for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
    const cookies = response.headers.getSetCookie();
    if (cookies.length) res.setHeader("Set-Cookie", cookies);
    if (!response.body && document.html === null) {
      res.end();
      return;
    }
    const payload = document.html !== null ? Buffer.from(document.html) : Buffer.from(await response.arrayBuffer());
    // A page with a nonce is different every time, so an ETag could never match: none is computed.
    const withNonce = response.headers.get("content-security-policy")?.includes("'nonce-") ?? false;
    const etag = readOnly && response.status === 200 && !withNonce ? etagOf(payload) : null;
    sendBody(req, res, payload, etag);
  }

  // Express 4 ignores a handler's promise; this one catches every error itself and hands it to next().
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  app.all("*", async (req, res, next) => {
    try {
      // The body is read before taking a turn to render, so a slow sender cannot hold a turn.
      const body = req.method === "GET" || req.method === "HEAD" ? null : await readBody(req);
      await rendering(() => render(req, res, body));
    } catch (error) {
      next(error);
    }
  });

  const server = http.createServer((req, res) => {
    if (!pageCacheOn || !serveFromCache(cache, req, res)) app(req, res);
  });
  // A request has 30 s to arrive whole; a client trickling its headers or body is cut off.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.listen(port, host, () => {
    const shown = host === "0.0.0.0" ? "localhost" : host;
    const address = server.address();
    // Absolute links default to the address the server listens on (its real port, when PORT=0).
    process.env.SITE_URL ??= `http://${shown}:${typeof address === "object" && address ? address.port : port}`;
    console.log(
      `Beyond Hello is ready at http://${shown}:${typeof address === "object" && address ? address.port : port}` +
        (cluster.isWorker ? ` (worker ${process.pid})` : ""),
    );
    // After SITE_URL is settled: the e-mails' links are built from it.
    build.entry.module.startMailJob?.();
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    // Stop accepting; idle keep-alive connections close now, busy ones after their response.
    // The close callback's promise is not awaited by Node; nothing after it in this function depends on it.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    server.close(async () => {
      if (cache instanceof SharedPageCache) await cache.stop();
      await build.entry.module.stopMailJob?.();
      await build.entry.module.closeDb?.();
      flushLog();
      console.log("Stopped.");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
