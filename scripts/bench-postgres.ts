/**
 * `npm run bench -- --postgres`: the members' and visitors' thread page (the
 * benchmark's big thread) on SQLite, PostgreSQL with one worker and with two,
 * side by side. The forum is the benchmark's generated one, copied into a new
 * PostgreSQL database with db:copy. Needs a PostgreSQL server:
 * `scripts/with-postgres.sh npm run bench -- --postgres` starts a throw-away
 * one (or set BENCH_DATABASE_URL). CPU per request counts the server's
 * processes and, on PostgreSQL, every process named postgres on the machine.
 * Settings: BENCH_WARMUP (2 s), BENCH_DURATION (5 s), BENCH_CONNECTIONS (20), BENCH_SKIP_BUILD=1.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createSession, generateSessionToken, SESSION_COOKIE } from "../app/session.server";
import { copyDatabase } from "../db/copy";
import { openDatabase } from "../db/database";
import { postgresClient } from "../db/postgres";
import { BIG_THREAD_SLUG, generateDatabase } from "../tests/bench/generate";

const WARMUP_S = Number(process.env.BENCH_WARMUP || 2);
const DURATION_S = Number(process.env.BENCH_DURATION || 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
const autocannon = createRequire(import.meta.url)("autocannon") as (
  options: Record<string, unknown>,
  done: (error: Error | null, result: { requests: { total: number }; non2xx: number; errors: number }) => void,
) => unknown;

const log = (line: string) => console.log(`[bench --postgres] ${line}`);

function cpuMs(pid: number): number {
  try {
    const rest = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK;
  } catch {
    return 0; // the process ended meanwhile
  }
}

/** The server's process and its children (the workers), and, for PostgreSQL, every postgres process. */
function pidsOf(root: number, withPostgres: boolean): number[] {
  const all = fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  const pids = [root];
  for (const name of all) {
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === root || (withPostgres && comm === "postgres")) pids.push(Number(name));
    } catch {
      // gone
    }
  }
  return pids;
}

async function start(env: Record<string, string>, workers: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["build/server.js"], {
    env: { ...process.env, NODE_ENV: "production", RATE_LIMITS: "off", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = output.match(/ready at (http:\/\/[\w.]+:\d+)/g) ?? [];
    if (ready.length >= workers) return { url: ready[0]!.slice(9).replace("localhost", "127.0.0.1"), child };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGTERM");
  throw new Error(`the server did not start:\n${output}`);
}

function load(url: string, cookies: string[] | null, seconds: number) {
  let turn = 0;
  return new Promise<{ requests: number; failures: number }>((resolve, reject) =>
    autocannon(
      {
        url: `${url}/threads/${BIG_THREAD_SLUG}`,
        connections: CONNECTIONS,
        duration: seconds,
        requests: [
          {
            setupRequest: (req: Record<string, unknown>) =>
              cookies ? { ...req, headers: { Cookie: cookies[turn++ % cookies.length] } } : req,
          },
        ],
      },
      (error, result) =>
        error ? reject(error) : resolve({ requests: result.requests.total, failures: result.non2xx + result.errors }),
    ),
  );
}

export async function benchPostgres(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!serverUrl)
    throw new Error(
      "No PostgreSQL server: run scripts/with-postgres.sh npm run bench -- --postgres, or set BENCH_DATABASE_URL.",
    );
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    log("building…");
    if (spawnSync(process.execPath, ["scripts/build.js"], { stdio: "inherit" }).status !== 0)
      throw new Error("the build failed");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beyond-hello-bench-pg-"));
  const sqliteFile = path.join(dir, "forum.db");
  const forum = await generateDatabase(sqliteFile);
  log(`generated ${forum.posts} posts, ${forum.votes} votes; copying into PostgreSQL…`);
  const name = `bench_${process.pid}`;
  const admin = postgresClient(serverUrl);
  await admin.connect();
  await admin.query(`create database ${name}`);
  const pgUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();

  const results: { engine: string; page: string; rps: number; cpuMsPerRequest: number; failures: number }[] = [];
  try {
    const sqlite = openDatabase(sqliteFile);
    const pg = openDatabase(pgUrl);
    await copyDatabase(sqlite, pg);
    // The same sessions in both: 200 members signed in.
    const members = await sqlite
      .selectFrom("user")
      .select("id")
      .where("password_hash", "is not", null)
      .limit(200)
      .execute();
    const cookies: string[] = [];
    for (const { id } of members) {
      const token = generateSessionToken();
      await createSession(sqlite, { token, userId: id });
      await createSession(pg, { token, userId: id });
      cookies.push(`${SESSION_COOKIE}=${token}`);
    }
    await sqlite.destroy();
    await pg.destroy();

    const configurations: { engine: string; env: Record<string, string>; workers: number; postgres: boolean }[] = [
      { engine: "SQLite ×1", env: { DATABASE_PATH: sqliteFile }, workers: 1, postgres: false },
      { engine: "PostgreSQL ×1", env: { DATABASE_URL: pgUrl }, workers: 1, postgres: true },
      { engine: "PostgreSQL ×2", env: { DATABASE_URL: pgUrl, WORKERS: "2" }, workers: 2, postgres: true },
    ];
    for (const configuration of configurations) {
      const server = await start(configuration.env, configuration.workers);
      try {
        for (const [page, who] of [
          ["thread p1 (signed-in member)", cookies],
          ["thread p1 (visitor, cache)", null],
        ] as const) {
          await load(server.url, who, WARMUP_S);
          const pids = pidsOf(server.child.pid!, configuration.postgres);
          const cpuBefore = pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
          const run = await load(server.url, who, DURATION_S);
          const cpu = pids.reduce((sum, pid) => sum + cpuMs(pid), 0) - cpuBefore;
          const row = {
            engine: configuration.engine,
            page,
            rps: Math.round(run.requests / DURATION_S),
            cpuMsPerRequest: Math.round((cpu / Math.max(1, run.requests)) * 100) / 100,
            failures: run.failures,
          };
          results.push(row);
          log(
            `${row.engine.padEnd(14)} ${row.page.padEnd(28)} ${String(row.rps).padStart(6)} req/s  ${row.cpuMsPerRequest} ms CPU/req`,
          );
        }
      } finally {
        server.child.kill("SIGTERM");
        await new Promise((resolve) => server.child.once("exit", resolve));
      }
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const find = (engine: string, page: string) => results.find((r) => r.engine === engine && r.page === page)!;
  const member = "thread p1 (signed-in member)";
  console.log(`\n| engine | page | req/s | CPU ms/req (server, + PostgreSQL) | failures |\n|---|---|---:|---:|---:|`);
  for (const r of results) console.log(`| ${r.engine} | ${r.page} | ${r.rps} | ${r.cpuMsPerRequest} | ${r.failures} |`);
  const scaling = find("PostgreSQL ×2", member).rps / find("PostgreSQL ×1", member).rps;
  const cpuRatio = find("PostgreSQL ×1", member).cpuMsPerRequest / find("SQLite ×1", member).cpuMsPerRequest;
  console.log(
    `\nmembers' thread page: 2 workers / 1 = ${scaling.toFixed(2)}× (target ≥ 1.4); PostgreSQL ×1 CPU per request / SQLite = ${cpuRatio.toFixed(2)}× (target ≤ 1.5)`,
  );
}
