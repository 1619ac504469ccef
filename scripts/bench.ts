/**
 * `npm run bench`: holds the pages to the machine's ceiling and to a real
 * forum. Builds the production server, fills a fresh database with the
 * fixed-seed generator (tests/bench/generate.ts), starts the app server twice
 * (visitor page cache on, and PAGE_CACHE=off) and the reference server
 * (tests/bench/reference-server.ts), then measures every scenario with
 * autocannon after a warm-up, at 1 and at 50 connections, for three rounds.
 * Server CPU per request comes from /proc/<pid>/stat (utime + stime) around
 * each run, the same way for every server. Prints a table with PASS/FAIL per
 * target and writes it all as JSON to tests/bench/results/.
 *
 * Settings via env: BENCH_ROUNDS (3), BENCH_WARMUP (2 s), BENCH_DURATION (5 s),
 * BENCH_PORT (4110: three ports from there), BENCH_SKIP_BUILD=1.
 * See tests/bench/README.md.
 *
 * This file runs the steps in order; the parts live in scripts/bench/: runner.ts (settings,
 * processes, HTTP, the measuring rounds), scenarios.ts (the forum, members, vote pairs and
 * scenarios), probes.ts (a thread page's JavaScript, the vote invalidation probe), report.ts
 * (targets, tables, JSON) and statistics.ts.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BIG_THREAD_SLUG } from "../tests/bench/generate";
import { previewLoadTarget } from "../tests/bench/preview-load";
import { prepareComingBack } from "./bench/coming-back";
import { probeVoteInvalidation, threadJavascript } from "./bench/probes";
import { report } from "./bench/report";
import {
  agent,
  CONNECTIONS,
  DURATION_S,
  freePort,
  log,
  measureRounds,
  memoryMb,
  PORT_BASE,
  ROOT,
  ROUNDS,
  startProcess,
  stopProcess,
  WARMUP_S,
  type Scenario,
} from "./bench/runner";
import { buildScenarios, checkScenarios, pageSizes, prepareForum } from "./bench/scenarios";
import { benchSearch } from "./bench/search";

async function main() {
  const machine = {
    cpu:
      (fs.readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.+)/) ?? [])[1] ??
      os.cpus()[0]?.model ??
      "unknown",
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg()[0],
    loadAverageAtEnd: NaN,
  };
  log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}`);
  log(
    `rounds ${ROUNDS}; per scenario: warm-up ${WARMUP_S} s at 10 connections, then ${DURATION_S} s at ${CONNECTIONS.join(" and ")} connection(s)`,
  );

  // 1. Build.
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    log("building (npm run build: the Remix app and the server, production)…");
    const t0 = Date.now();
    const built = spawnSync(process.execPath, [path.join(ROOT, "scripts/build.js")], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (built.status !== 0) throw new Error("the build failed");
    log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  // 2–3. The forum, its signed-in members and vote pairs.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beyond-hello-bench-"));
  const dbFile = path.join(dir, "forum.db");
  const { forum, sessions, pairs, votable, inGuide } = await prepareForum(dbFile);
  const followers = await prepareComingBack(dbFile, sessions);
  const bigThreadId = forum.bigThread.id;

  // 4. Servers.
  const appPort = await freePort(PORT_BASE);
  const nocachePort = await freePort(appPort + 1);
  const refPort = await freePort(nocachePort + 1);
  const appEnv = { NODE_ENV: "production", RATE_LIMITS: "off", HOST: "127.0.0.1", DATABASE_PATH: dbFile };
  const app = await startProcess("app", ["build/server.js"], { ...appEnv, PORT: String(appPort) }, dir);
  const nocache = await startProcess(
    "app-nocache",
    ["build/server.js"],
    { ...appEnv, PORT: String(nocachePort), PAGE_CACHE: "off" },
    dir,
  );
  const ref = await startProcess(
    "reference",
    ["--import", "tsx", "tests/bench/reference-server.ts"],
    { HOST: "127.0.0.1", PORT: String(refPort), DATABASE_PATH: dbFile, THREAD_ID: String(bigThreadId) },
    dir,
  );
  const servers = { app, nocache, ref };
  log(
    `servers: app ${app.url} (pid ${app.pid}), app with PAGE_CACHE=off ${nocache.url} (pid ${nocache.pid}), reference ${ref.url} (pid ${ref.pid})`,
  );

  try {
    // 5. Scenarios.
    const scenarios = buildScenarios({ app, sessions, pairs, followers });
    const big = `/threads/${BIG_THREAD_SLUG}`;
    const baseOf = (s: Scenario) => servers[s.server];
    await checkScenarios(scenarios, baseOf);

    // 6. Sizes: each page's HTML, and the JavaScript a thread page loads for a visitor and for a member.
    const pages = await pageSizes(scenarios, baseOf);
    const javascript = await threadJavascript(app.url + big, sessions[0].cookie);
    for (const [who, js] of Object.entries(javascript))
      log(
        `${who}'s thread page JavaScript: ${js.files.length} files, ${(js.bytes / 1024).toFixed(1)} KB, ${(js.gzipBytes / 1024).toFixed(1)} KB gzip, ${(js.sentBytes / 1024).toFixed(1)} KB sent (+ inline ${(js.inlineGzipBytes / 1024).toFixed(1)} KB gzip)`,
      );

    // 7. Rounds.
    const measurements = await measureRounds(scenarios, baseOf);

    // 8. Does a vote throw away more cached HTML than it must? (timing probe)
    const invalidation = await probeVoteInvalidation({
      app,
      nocache,
      big,
      sessions,
      votable: votable.filter((p) => !inGuide.has(p.id)),
      bigSlug: BIG_THREAD_SLUG,
    });

    // 8b. Can one member's previews slow everyone's pages? (issue 13) Against a server with the rate limits on,
    // as the site runs, on the same database.
    const limited = await startProcess(
      "app-limited",
      ["build/server.js"],
      { ...appEnv, RATE_LIMITS: "on", PORT: String(await freePort(refPort + 1)) },
      dir,
    );
    const previewLoad = await previewLoadTarget(limited.url, sessions[0].cookie).finally(() => stopProcess(limited));

    machine.loadAverageAtEnd = os.loadavg()[0]!;
    const memory = { app: memoryMb(app.pid), nocache: memoryMb(nocache.pid), reference: memoryMb(ref.pid) };
    // 9–10. Summaries, targets, the printed report and the JSON file.
    report({ machine, forum, sessions, scenarios, measurements, pages, javascript, invalidation, memory, previewLoad });
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await Promise.all([stopProcess(app), stopProcess(nocache), stopProcess(ref)]);
    agent.destroy();
  }
  try {
    // 11. Search on the forum grown to 100,000 posts (a copy), once the servers no longer share the cores.
    await benchSearch(dbFile);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// `--postgres`: SQLite beside PostgreSQL ×1 and ×2 workers (scripts/bench-postgres.ts).
(process.argv.includes("--postgres") ? import("./bench-postgres").then((m) => m.benchPostgres()) : main()).catch(
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
