/**
 * The production server: migrates and seeds the database, then serves the
 * built Remix app behind the checks every request passes — a body limit,
 * forged-request refusal, security headers, one log line per request — and
 * stops cleanly on SIGTERM. Run `npm start` (which builds first when needed)
 * or `npm run serve`.
 */
import crypto from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { comesFromSite, isSafeMethod } from "../app/utils/origin";
import { securityHeaders } from "../app/utils/security-headers";
import { databasePath, openDatabase } from "../db/database";
import { migrateOrThrow } from "../db/migrate";
import { seed } from "../db/seed";

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const production = process.env.NODE_ENV === "production";
const MAX_BODY_BYTES = 100 * 1024;

async function prepareDatabase(): Promise<void> {
  const db = openDatabase();
  try {
    await migrateOrThrow(db);
    const { threadsAdded, examplesAdded } = await seed(db);
    if (threadsAdded || examplesAdded) {
      console.log(`Opened ${threadsAdded} prompt thread(s) with ${examplesAdded} example message(s) from the article in ${databasePath()}`);
    }
  } finally {
    await db.destroy();
  }
}

/** The site's own origin as the browser sees it; behind a proxy, set TRUST_PROXY so the protocol is right. */
function siteOrigin(req: express.Request): string {
  return `${req.protocol}://${req.get("host")}`;
}

async function main(): Promise<void> {
  await prepareDatabase();
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild & {
    entry: { module: { closeDb?: () => Promise<void> } };
  };

  const app = express();
  app.disable("x-powered-by");
  if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);

  // One structured line per request: never a body, a cookie or a query string.
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      console.log(JSON.stringify({ t: new Date().toISOString(), method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }));
    });
    next();
  });

  const headers = securityHeaders({ production });
  app.use((_req, res, next) => {
    res.set(headers);
    next();
  });

  app.use((req, res, next) => {
    if (isSafeMethod(req.method)) return next();
    if (!comesFromSite({ origin: req.get("origin"), referer: req.get("referer") }, siteOrigin(req))) {
      res.status(403).type("text/plain").send("This request did not come from this site's own pages, so it was refused.");
      return;
    }
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

  app.use(compression());
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      getLoadContext: (req) => ({ cspNonce: crypto.randomBytes(16).toString("base64"), clientIp: req.ip ?? "unknown" }),
    }),
  );

  const server = app.listen(port, host, () => {
    const shown = host === "0.0.0.0" ? "localhost" : host;
    const address = server.address();
    console.log(`Beyond Hello is ready at http://${shown}:${typeof address === "object" && address ? address.port : port}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    // Stop accepting; idle keep-alive connections close now, busy ones after their response.
    server.close(async () => {
      await build.entry.module.closeDb?.();
      console.log("Stopped.");
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
