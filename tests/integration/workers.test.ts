/**
 * Two server processes (WORKERS=2) on PostgreSQL: a visitor's page cached by
 * both is dropped in both when a member votes through either, because the
 * invalidation travels by LISTEN/NOTIFY. Runs only on PostgreSQL: with SQLite
 * the server refuses WORKERS above 1.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database";
import { joinOverHttp, seededDatabase, startServer, type RunningServer } from "../setup/server";
import { onPostgres } from "../setup/test-database";

const SLUG = "the-opener";
let server: RunningServer;
let exampleId: number;

/** A visitor's GET on a new connection each time, so the primary hands it to the next worker in turn. */
function visit(path: string): Promise<{ cache: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${path}`, { agent: false }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ cache: response.headers["x-page-cache"] as string | undefined, body }));
      })
      .on("error", reject);
  });
}

describe.skipIf(!onPostgres)("two worker processes on PostgreSQL", () => {
  beforeAll(async () => {
    const databaseUrl = await seededDatabase("workers");
    const db = openDatabase(databaseUrl);
    exampleId = (
      await db
        .selectFrom("post")
        .innerJoin("thread", "thread.id", "post.thread_id")
        .select("post.id")
        .where("thread.slug", "=", SLUG)
        .where("post.kind", "=", "approach")
        .executeTakeFirstOrThrow()
    ).id;
    await db.destroy();
    server = await startServer(databaseUrl, { WORKERS: "2" });
    const deadline = Date.now() + 10_000;
    while (new Set(server.output().match(/\(worker \d+\)/g)).size < 2 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("drops the page cached by the other process when a member votes", async () => {
    expect(new Set(server.output().match(/\(worker \d+\)/g)).size).toBe(2);
    const page = `/threads/${SLUG}`;
    const warm = [];
    for (let i = 0; i < 6; i++) warm.push(await visit(page));
    // One render per process, then hits only: both processes hold the page.
    expect(warm.map((r) => r.cache)).toEqual(["miss", "miss", "hit", "hit", "hit", "hit"]);

    const member = await joinOverHttp(server.url, "worker_voter");
    const vote = await fetch(`${server.url}/posts/${exampleId}/vote.data`, {
      method: "POST",
      body: new URLSearchParams({ choice: "authentic", mode: "fetch" }),
      headers: { Cookie: member, Origin: server.url },
    });
    expect(vote.status).toBe(200);

    // The other process hears of it within moments (its notification follows the commit); then each renders the
    // page afresh once. Visitors see no scores, so the page may read the same: what shows the drop is the miss.
    const deadline = Date.now() + 5_000;
    let misses = 0;
    while (misses < 2 && Date.now() < deadline) if ((await visit(page)).cache === "miss") misses++;
    expect(misses, "one fresh render in each process after the vote").toBe(2);
    const served = [];
    for (let i = 0; i < 6; i++) served.push(await visit(page));
    expect(served.every((r) => r.cache === "hit")).toBe(true);
  });
});
