/**
 * The production server: migrates and seeds the database, then serves the
 * built Remix app with compression and long-cached static assets.
 * Run `npm start` (which builds first when needed) or `npm run serve`.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { databasePath, openDatabase } from "../db/database";
import { migrateOrThrow } from "../db/migrate";
import { seed } from "../db/seed";

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";

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

async function main(): Promise<void> {
  await prepareDatabase();
  const build = (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: "production" }));

  const server = app.listen(port, host, () => {
    const shown = host === "0.0.0.0" ? "localhost" : host;
    const address = server.address();
    console.log(`Beyond Hello is ready at http://${shown}:${typeof address === "object" && address ? address.port : port}`);
  });

  const stop = (signal: string) => {
    console.log(`${signal}: finishing requests in flight, then stopping.`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
