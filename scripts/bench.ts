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
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { createSession, generateSessionToken, SESSION_COOKIE } from "../app/session.server";
import { openDatabase, openSqlite } from "../db/database";
import { BIG_THREAD_SLUG, commentBodies, generateDatabase, MEDIUM_THREAD_SLUG, prng } from "../tests/bench/generate";
import { markdownWorstCaseTarget } from "../tests/bench/markdown-worst-case";

// --- autocannon (no bundled types: the little we use, typed here) ------------

interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest, context: Record<string, unknown>) => AcRequest;
}
interface AcResult {
  duration: number;
  errors: number;
  timeouts: number;
  "1xx": number;
  "2xx": number;
  "3xx": number;
  "4xx": number;
  "5xx": number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { p50: number; p99: number; average: number };
  requests: { total: number; sent: number; average: number };
}
type Autocannon = (
  options: Record<string, unknown>,
  callback: (error: Error | null, result: AcResult) => void,
) => unknown;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

function cannon(options: Record<string, unknown>): Promise<AcResult> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

// --- settings ----------------------------------------------------------------

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const WARMUP_S = Number(process.env.BENCH_WARMUP || 2);
const DURATION_S = Number(process.env.BENCH_DURATION || 5);
const PORT_BASE = Number(process.env.BENCH_PORT || 4110);
const CONNECTIONS = [1, 50] as const;
const SESSIONS = 1000;
const ROOT = process.cwd();
const RESULTS_DIR = path.join(ROOT, "tests/bench/results");
const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

const TARGETS = {
  cachedRatio: 0.5,
  uncachedRatio: 6,
  memberRatio: 7,
  deepOverFirst: 1.2,
  votesPerSecond: 600,
  peakRssMb: 300,
  threadJsKb: 120,
};

const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`);

// --- processes ------------------------------------------------------------------

interface Server {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
}

async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 90; port++) {
    const ok = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port from ${from}`);
}

/** Starts a server whose output goes to a file (no pipe to drain while measuring) and waits for "ready at". */
async function startProcess(name: string, args: string[], env: Record<string, string>, dir: string): Promise<Server> {
  const logFile = path.join(dir, `${name}.log`);
  const fd = fs.openSync(logFile, "w");
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", fd, fd],
    cwd: ROOT,
  });
  fs.closeSync(fd);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}:\n${fs.readFileSync(logFile, "utf8")}`);
    const match = fs.readFileSync(logFile, "utf8").match(/ready at (http:\/\/[\w.]+:\d+)/);
    if (match) return { name, url: match[1].replace("localhost", "127.0.0.1"), pid: child.pid!, child, logFile };
    await sleep(100);
  }
  child.kill("SIGTERM");
  throw new Error(`${name} did not start:\n${fs.readFileSync(logFile, "utf8")}`);
}

function stopProcess(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    const timer = setTimeout(() => server.child.kill("SIGKILL"), 10_000);
    server.child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    server.child.kill("SIGTERM");
  });
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** utime + stime of the whole process (all its threads), in milliseconds. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK;
}

/** Peak resident set (VmHWM) and current (VmRSS), in MB. */
function memoryMb(pid: number): { peak: number; current: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
  return { peak: kb("VmHWM") / 1024, current: kb("VmRSS") / 1024 };
}

// --- plain HTTP, for checks and sizes ------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number }>(
    (resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: Number(process.hrtime.bigint() - t0) / 1e6,
          }),
        );
      });
      req.on("error", reject);
      if (init.body) req.end(init.body);
      else req.end();
    },
  );
}

const gzipSize = (data: Buffer | string) => zlib.gzipSync(data).length;

// --- statistics ------------------------------------------------------------------

function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function spread(values: number[]) {
  const finite = values.filter((v) => Number.isFinite(v));
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite), values };
}
type Spread = ReturnType<typeof spread>;

function fmt(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return "–";
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(Math.min(digits, 1));
  return value.toFixed(digits);
}
function fmtSpread(s: Spread, digits = 2): string {
  if (!Number.isFinite(s.median)) return "–";
  return s.values.length > 1
    ? `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`
    : fmt(s.median, digits);
}

// --- the run ------------------------------------------------------------------

interface Scenario {
  key: string;
  label: string;
  server: "app" | "nocache" | "ref";
  method: "GET" | "POST";
  path: string;
  /** Statuses that count as success: 2xx always; a 3xx only when listed. */
  expect: number;
  /** Varies each request (cookie, body); called once per request. */
  vary?: () => { path?: string; headers?: Record<string, string>; body?: string };
}

interface Measurement {
  round: number;
  connections: number;
  seconds: number;
  requests: number;
  sent: number;
  rps: number;
  cpuMsPerRequest: number;
  p50: number;
  p99: number;
  failures: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

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

  // 2. The forum.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beyond-hello-bench-"));
  const dbFile = path.join(dir, "forum.db");
  const forum = await generateDatabase(dbFile);
  log(
    `generated ${forum.members} members, ${forum.threads} threads, ${forum.posts} posts, ${forum.votes} votes, ${forum.guideEntries} guide entries in ${forum.seconds.toFixed(1)} s`,
  );

  // 3. Signed-in members: sessions written straight into the database (no argon2 sign-ups).
  const kdb = openDatabase(dbFile);
  const members = await kdb
    .selectFrom("user")
    .select(["id"])
    .where("role", "=", "member")
    .where("password_hash", "is not", null)
    .orderBy("id")
    .limit(SESSIONS)
    .execute();
  const sessions: { userId: number; cookie: string }[] = [];
  for (const member of members) {
    const token = generateSessionToken();
    await createSession(kdb, { token, userId: member.id });
    sessions.push({ userId: member.id, cookie: `${SESSION_COOKIE}=${token}` });
  }
  await kdb.destroy();

  // Vote pairs: (member, example message) with no vote yet and not the member's own, so a cycle
  // authentic → not_authentic → withdraw changes the state on every request.
  const sqlite = openSqlite(dbFile);
  const votable = sqlite
    .prepare(
      `SELECT post.id, post.author_id, post.number, thread.slug FROM post JOIN thread ON thread.id = post.thread_id
        WHERE post.kind != 'comment' AND post.deleted_at IS NULL AND post.hidden_at IS NULL AND post.review_pending_at IS NULL AND thread.locked_at IS NULL`,
    )
    .all() as { id: number; author_id: number; number: number; slug: string }[];
  const hasVote = sqlite.prepare("SELECT 1 FROM vote WHERE post_id = ? AND user_id = ?");
  const inGuide = new Set(
    (sqlite.prepare("SELECT post_id FROM guide_entry").all() as { post_id: number }[]).map((r) => r.post_id),
  );
  const bigThreadId = forum.bigThread.id;
  const rand = prng(99);
  const pairs: { cookie: string; postId: number; uses: number }[] = [];
  const paired = new Set<string>();
  while (pairs.length < 9000) {
    const post = votable[Math.floor(rand() * votable.length)];
    const member = sessions[Math.floor(rand() * sessions.length)];
    const key = `${post.id}:${member.userId}`;
    if (member.userId === post.author_id || paired.has(key) || hasVote.get(post.id, member.userId) !== undefined)
      continue;
    paired.add(key);
    pairs.push({ cookie: member.cookie, postId: post.id, uses: 0 });
  }
  sqlite.close();
  log(
    `sessions: ${sessions.length}; vote pairs: ${pairs.length} over ${new Set(pairs.map((p) => p.postId)).size} example messages`,
  );

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
    let memberTurn = 0;
    let voteTurn = 0;
    let commentTurn = 0;
    const bodies = commentBodies(50);
    const CHOICES = ["authentic", "not_authentic", "withdraw"] as const;
    const REASONS = ["pushy", "templated", "invasive", "entitled", "other"];
    const big = `/threads/${BIG_THREAD_SLUG}`;
    const postHeaders = (server: Server, cookie: string) => ({
      Origin: server.url,
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: cookie,
    });
    const scenarios: Scenario[] = [
      {
        key: "reference",
        label: "reference: page 1 (node:http + 1 query)",
        server: "ref",
        method: "GET",
        path: "/thread?page=1",
        expect: 200,
      },
      {
        key: "reference-deep",
        label: "reference: page 150",
        server: "ref",
        method: "GET",
        path: "/thread?page=150",
        expect: 200,
      },
      { key: "home", label: "thread list / (visitor)", server: "app", method: "GET", path: "/", expect: 200 },
      { key: "thread", label: "thread p1 (visitor, cache)", server: "app", method: "GET", path: big, expect: 200 },
      {
        key: "thread-deep",
        label: "thread p150 (visitor, cache)",
        server: "app",
        method: "GET",
        path: `${big}?page=150`,
        expect: 200,
      },
      {
        key: "thread-nocache",
        label: "thread p1 (visitor, no cache)",
        server: "nocache",
        method: "GET",
        path: big,
        expect: 200,
      },
      {
        key: "thread-deep-nocache",
        label: "thread p150 (visitor, no cache)",
        server: "nocache",
        method: "GET",
        path: `${big}?page=150`,
        expect: 200,
      },
      {
        key: "thread-member",
        label: "thread p1 (signed-in member)",
        server: "app",
        method: "GET",
        path: big,
        expect: 200,
        vary: () => ({ headers: { Cookie: sessions[memberTurn++ % sessions.length].cookie } }),
      },
      { key: "guide", label: "guide (visitor, cache)", server: "app", method: "GET", path: "/guide", expect: 200 },
      {
        key: "guide-nocache",
        label: "guide (visitor, no cache)",
        server: "nocache",
        method: "GET",
        path: "/guide",
        expect: 200,
      },
      // The app's smallest page (a form, no rows read): what any page costs before its own content.
      {
        key: "floor",
        label: "sign-in page (no cache): the floor",
        server: "nocache",
        method: "GET",
        path: "/login",
        expect: 200,
      },
      {
        key: "vote",
        label: "vote (POST .data, as the page's fetcher)",
        server: "app",
        method: "POST",
        path: "/posts/1/vote.data",
        expect: 200,
        vary: () => {
          const pair = pairs[voteTurn++ % pairs.length];
          const choice = CHOICES[pair.uses++ % 3];
          const form = new URLSearchParams({ choice, mode: "fetch" });
          if (choice === "not_authentic" && pair.uses % 2 === 0)
            form.append("reasons", REASONS[pair.postId % REASONS.length]);
          // The address a browser's fetcher posts to under single fetch; the answer is turbo-stream encoded data.
          return {
            path: `/posts/${pair.postId}/vote.data`,
            headers: postHeaders(app, pair.cookie),
            body: form.toString(),
          };
        },
      },
      {
        key: "comment",
        label: `comment (POST → 302, ${MEDIUM_THREAD_SLUG})`,
        server: "app",
        method: "POST",
        path: `/threads/${MEDIUM_THREAD_SLUG}`,
        expect: 302,
        vary: () => {
          const n = commentTurn++;
          const member = sessions[(n * 7) % sessions.length];
          const form = new URLSearchParams({
            intent: "comment",
            body: `${bodies[n % bodies.length]}\n\n(benchmark comment ${n})`,
          });
          return { headers: postHeaders(app, member.cookie), body: form.toString() };
        },
      },
    ];

    const baseOf = (s: Scenario) => servers[s.server];
    const oneRequest = (s: Scenario) => {
      const v = s.vary?.() ?? {};
      return { path: v.path ?? s.path, headers: v.headers ?? {}, body: v.body };
    };

    // Every scenario's requests must be valid: check a few before measuring anything.
    log("checking a sample request of each scenario…");
    for (const s of scenarios) {
      for (let i = 0; i < 3; i++) {
        const r = oneRequest(s);
        const res = await request(baseOf(s).url + r.path, { method: s.method, headers: r.headers, body: r.body });
        const ok = res.status === s.expect && (s.key !== "vote" || res.body.toString().includes('"ok",true'));
        if (!ok)
          throw new Error(
            `${s.key}: ${s.method} ${r.path} answered ${res.status} (expected ${s.expect}): ${res.body.toString().slice(0, 300)}`,
          );
      }
    }

    // 6. Sizes: each page's HTML, and the JavaScript a thread page loads.
    const pages: Record<string, { path: string; bytes: number; gzipBytes: number; pageCache: string }> = {};
    for (const s of scenarios.filter((x) => x.method === "GET")) {
      const r = oneRequest(s);
      await request(baseOf(s).url + r.path, { headers: r.headers });
      const res = await request(baseOf(s).url + r.path, { headers: r.headers });
      pages[s.key] = {
        path: r.path,
        bytes: res.body.length,
        gzipBytes: gzipSize(res.body),
        pageCache: String(res.headers["x-page-cache"] ?? "–"),
      };
    }
    const javascript = await threadJavascript(app.url + big);
    log(
      `thread page JavaScript: ${javascript.files.length} files, ${(javascript.bytes / 1024).toFixed(1)} KB, ${(javascript.gzipBytes / 1024).toFixed(1)} KB gzip (+ inline ${(javascript.inlineGzipBytes / 1024).toFixed(1)} KB gzip)`,
    );

    // 7. Rounds.
    const measurements: Record<string, Measurement[]> = Object.fromEntries(scenarios.map((s) => [s.key, []]));
    const runOne = async (s: Scenario, connections: number, seconds: number): Promise<AcResult> => {
      const server = baseOf(s);
      const base: AcRequest = { method: s.method, path: s.path, headers: {} };
      const options: Record<string, unknown> = {
        url: server.url,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 30,
        requests: [
          {
            ...base,
            ...(s.vary
              ? {
                  setupRequest: (req: AcRequest) => {
                    const v = s.vary!();
                    return { ...req, path: v.path ?? s.path, headers: v.headers ?? {}, body: v.body };
                  },
                }
              : {}),
          },
        ],
      };
      return cannon(options);
    };

    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round} of ${ROUNDS}`);
      for (const s of scenarios) {
        const server = baseOf(s);
        await runOne(s, 10, WARMUP_S);
        for (const connections of CONNECTIONS) {
          await sleep(200);
          const before = cpuMs(server.pid);
          const result = await runOne(s, connections, DURATION_S);
          await sleep(300); // let requests still in flight finish, so their CPU lands in this window
          const cpu = cpuMs(server.pid) - before;
          const counted = result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
          const success =
            result["2xx"] + (s.expect >= 300 ? (result.statusCodeStats[String(s.expect)]?.count ?? 0) : 0);
          const statusCodes = Object.fromEntries(
            Object.entries(result.statusCodeStats).map(([code, v]) => [code, v.count]),
          );
          const m: Measurement = {
            round,
            connections,
            seconds: result.duration,
            requests: result.requests.total,
            sent: result.requests.sent,
            rps: result.requests.total / result.duration,
            // Requests sent but cut off at the end still cost the server their work: count them.
            cpuMsPerRequest: cpu / Math.max(1, result.requests.sent),
            p50: result.latency.p50,
            p99: result.latency.p99,
            failures: counted - success + result.errors + result.timeouts,
            statusCodes,
            errors: result.errors,
            timeouts: result.timeouts,
          };
          measurements[s.key].push(m);
          log(
            `  ${s.key.padEnd(20)} c=${String(connections).padEnd(2)} ${fmt(m.rps).padStart(7)} req/s  cpu ${m.cpuMsPerRequest.toFixed(3)} ms/req  p50 ${m.p50} ms  p99 ${m.p99} ms  fail ${m.failures}  ${JSON.stringify(statusCodes)}`,
          );
        }
      }
    }

    // 8. Does a vote throw away more cached HTML than it must? (timing probe)
    const invalidation = await probeVoteInvalidation({
      app,
      nocache,
      big,
      sessions,
      votable: votable.filter((p) => !inGuide.has(p.id)),
      bigSlug: BIG_THREAD_SLUG,
    });

    machine.loadAverageAtEnd = os.loadavg()[0]!;
    const memory = { app: memoryMb(app.pid), nocache: memoryMb(nocache.pid), reference: memoryMb(ref.pid) };

    // 9. Summaries and targets.
    const summary: Record<string, Record<number, Record<string, Spread>>> = {};
    for (const s of scenarios) {
      summary[s.key] = {};
      for (const c of CONNECTIONS) {
        const rows = measurements[s.key].filter((m) => m.connections === c);
        const refRows = measurements.reference.filter((m) => m.connections === c);
        const ratios = rows.map(
          (m) => m.cpuMsPerRequest / (refRows.find((r) => r.round === m.round)?.cpuMsPerRequest ?? NaN),
        );
        summary[s.key][c] = {
          rps: spread(rows.map((m) => m.rps)),
          cpu: spread(rows.map((m) => m.cpuMsPerRequest)),
          ratio: spread(ratios),
          p50: spread(rows.map((m) => m.p50)),
          p99: spread(rows.map((m) => m.p99)),
          failures: spread(rows.map((m) => m.failures)),
        };
      }
    }
    const perRound = (a: string, b: string, c: number) =>
      spread(
        measurements[a]
          .filter((m) => m.connections === c)
          .map(
            (m) =>
              m.cpuMsPerRequest /
              (measurements[b].find((r) => r.round === m.round && r.connections === c)?.cpuMsPerRequest ?? NaN),
          ),
      );
    const ratio50 = (key: string) => summary[key][50].ratio;
    const deepCached = perRound("thread-deep", "thread", 50);
    const deepUncached = perRound("thread-deep-nocache", "thread-nocache", 50);
    const failures50 = scenarios
      .filter((s) => s.server !== "ref")
      .map((s) => ({
        key: s.key,
        n: measurements[s.key].filter((m) => m.connections === 50).reduce((a, m) => a + m.failures, 0),
      }));
    const totalFailures50 = failures50.reduce((a, f) => a + f.n, 0);
    const targets = [
      {
        target: `visitor thread page from the cache ≤ ${TARGETS.cachedRatio}× reference CPU/req`,
        value: ratio50("thread").median,
        shown: `${fmtSpread(ratio50("thread"))}×`,
        pass: ratio50("thread").median <= TARGETS.cachedRatio,
      },
      {
        target: `guide from the cache ≤ ${TARGETS.cachedRatio}×`,
        value: ratio50("guide").median,
        shown: `${fmtSpread(ratio50("guide"))}×`,
        pass: ratio50("guide").median <= TARGETS.cachedRatio,
      },
      {
        target: `visitor thread page without the cache ≤ ${TARGETS.uncachedRatio}×`,
        value: ratio50("thread-nocache").median,
        shown: `${fmtSpread(ratio50("thread-nocache"))}×`,
        pass: ratio50("thread-nocache").median <= TARGETS.uncachedRatio,
      },
      {
        target: `guide without the cache ≤ ${TARGETS.uncachedRatio}×`,
        value: ratio50("guide-nocache").median,
        shown: `${fmtSpread(ratio50("guide-nocache"))}×`,
        pass: ratio50("guide-nocache").median <= TARGETS.uncachedRatio,
      },
      {
        target: `signed-in member's thread page ≤ ${TARGETS.memberRatio}×`,
        value: ratio50("thread-member").median,
        shown: `${fmtSpread(ratio50("thread-member"))}×`,
        pass: ratio50("thread-member").median <= TARGETS.memberRatio,
      },
      {
        target: `deep page (150) ≤ ${TARGETS.deepOverFirst}× first page, from the cache`,
        value: deepCached.median,
        shown: `${fmtSpread(deepCached)}×`,
        pass: deepCached.median <= TARGETS.deepOverFirst,
      },
      {
        target: `deep page (150) ≤ ${TARGETS.deepOverFirst}× first page, without the cache`,
        value: deepUncached.median,
        shown: `${fmtSpread(deepUncached)}×`,
        pass: deepUncached.median <= TARGETS.deepOverFirst,
      },
      {
        target: `votes ≥ ${TARGETS.votesPerSecond}/s (50 connections)`,
        value: summary.vote[50].rps.median,
        shown: `${fmtSpread(summary.vote[50].rps, 0)}/s`,
        pass: summary.vote[50].rps.median >= TARGETS.votesPerSecond,
      },
      {
        target: "zero failed (non-2xx, or non-302 for comments) responses at 50 connections",
        value: totalFailures50,
        shown: totalFailures50
          ? failures50
              .filter((f) => f.n)
              .map((f) => `${f.key} ${f.n}`)
              .join(", ")
          : "0",
        pass: totalFailures50 === 0,
      },
      {
        target: `peak RSS of the app server < ${TARGETS.peakRssMb} MB`,
        value: memory.app.peak,
        shown: `${memory.app.peak.toFixed(0)} MB (no-cache server ${memory.nocache.peak.toFixed(0)} MB)`,
        pass: memory.app.peak < TARGETS.peakRssMb,
      },
      {
        target: `JavaScript a thread page loads ≤ ${TARGETS.threadJsKb} KB gzip`,
        value: javascript.gzipBytes / 1024,
        shown: `${(javascript.gzipBytes / 1024).toFixed(1)} KB in ${javascript.files.length} files`,
        pass: javascript.gzipBytes / 1024 <= TARGETS.threadJsKb,
      },
      {
        target: "a vote re-renders only the page it changes (probe)",
        value: invalidation.needlessMisses,
        shown: invalidation.verdict,
        pass: invalidation.pass,
      },
    ];
    // The Markdown fuzzer's slowest case (issue 13), measured here in-process: see tests/bench/markdown-worst-case.ts.
    targets.push(markdownWorstCaseTarget());

    // 10. Print.
    const lines: string[] = [];
    const out = (line = "") => lines.push(line);
    out();
    out(`Beyond Hello benchmark — ${new Date().toISOString()}`);
    out(
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`,
    );
    out(
      `Load average (1 min) at start ${machine.loadAverageAtStart.toFixed(1)}, at end ${machine.loadAverageAtEnd.toFixed(1)}${Math.max(machine.loadAverageAtStart, machine.loadAverageAtEnd) > machine.cores ? " — other processes competed for the cores: req/s and latency suffer first, CPU/req less" : ""}`,
    );
    out(
      `Data: ${forum.members} members, ${forum.threads} threads, ${forum.posts} posts (big thread ${forum.bigThread.posts}, ${MEDIUM_THREAD_SLUG} ${forum.mediumThread.posts}), ${forum.votes} votes, guide ${forum.guideSections} sections / ${forum.guideEntries} entries`,
    );
    out(
      `Runs: ${ROUNDS} rounds; warm-up ${WARMUP_S} s (10 connections), then ${DURATION_S} s at 1 and at 50 connections. Cells: median (min–max) over rounds.`,
    );
    out(
      `CPU = server utime+stime from /proc/<pid>/stat per request sent; ×ref = CPU/req over the reference server's page 1, same round and connections.`,
    );
    out(`Cache-off figures come from a second app server started with PAGE_CACHE=off on the same database.`);
    out();
    const header = ["scenario", "conn", "req/s", "CPU ms/req", "×ref", "p50 ms", "p99 ms", "fail"];
    const table: string[][] = [header];
    for (const s of scenarios) {
      for (const c of CONNECTIONS) {
        const x = summary[s.key][c];
        table.push([
          c === 1 ? s.label : "",
          String(c),
          fmtSpread(x.rps, 0),
          fmtSpread(x.cpu, 3),
          fmtSpread(x.ratio),
          fmtSpread(x.p50, 1),
          fmtSpread(x.p99, 1),
          String(measurements[s.key].filter((m) => m.connections === c).reduce((a, m) => a + m.failures, 0)),
        ]);
      }
    }
    for (const line of alignTable(table)) out(line);
    out();
    const sizeTable = [["page", "path", "HTML bytes", "gzip bytes", "X-Page-Cache (2nd GET)"]];
    for (const [key, p] of Object.entries(pages))
      sizeTable.push([key, p.path, String(p.bytes), String(p.gzipBytes), p.pageCache]);
    for (const line of alignTable(sizeTable)) out(line);
    out();
    out(
      `JavaScript a thread page loads: ${javascript.files.length} modules, ${javascript.bytes} bytes, ${javascript.gzipBytes} gzip; inline scripts ${javascript.inlineBytes} bytes, ${javascript.inlineGzipBytes} gzip`,
    );
    out(
      `Peak RSS (VmHWM): app ${memory.app.peak.toFixed(0)} MB (now ${memory.app.current.toFixed(0)}), app no-cache ${memory.nocache.peak.toFixed(0)} MB, reference ${memory.reference.peak.toFixed(0)} MB`,
    );
    out(`Vote invalidation probe: ${invalidation.detail}`);
    out(
      `Floor: the sign-in page, ${pages.floor?.bytes ?? "?"} bytes with no rows read, costs ${fmtSpread(ratio50("floor"))}× the reference's CPU/req: Remix and React's fixed cost a page, under every uncached figure above.`,
    );
    out();
    for (const line of alignTable([
      ["target", "measured", "result"],
      ...targets.map((t) => [t.target, t.shown, t.pass ? "PASS" : "FAIL"]),
    ]))
      out(line);
    out();
    const runtime = (Date.now() - started) / 1000;
    out(`Total runtime ${Math.floor(runtime / 60)} min ${Math.round(runtime % 60)} s.`);

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const resultFile = path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    out(`Results: ${path.relative(ROOT, resultFile)}`);
    console.log(lines.join("\n"));
    fs.writeFileSync(
      resultFile,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          machine,
          settings: {
            rounds: ROUNDS,
            warmupSeconds: WARMUP_S,
            durationSeconds: DURATION_S,
            connections: CONNECTIONS,
            clockTicksPerSecond: CLK_TCK,
            sessions: sessions.length,
          },
          data: forum,
          servers: {
            app: "build/server.js (NODE_ENV=production, RATE_LIMITS=off)",
            nocache: "build/server.js with PAGE_CACHE=off, same database",
            reference: "tests/bench/reference-server.ts",
          },
          scenarios: scenarios.map((s) => ({
            key: s.key,
            label: s.label,
            server: s.server,
            method: s.method,
            path: s.path,
            expect: s.expect,
          })),
          summary,
          measurements,
          pages,
          javascript,
          memory,
          invalidation,
          targets,
          runtimeSeconds: runtime,
          table: lines.join("\n"),
        },
        null,
        2,
      ),
    );
  } finally {
    await Promise.all([stopProcess(app), stopProcess(nocache), stopProcess(ref)]);
    agent.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function alignTable(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r, index) => {
    const line = r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
    return index === 0 ? `${line}\n${"-".repeat(line.length)}` : line;
  });
}

/** The page's <script src>, modulepreload links and the modules they import, fetched and gzipped. */
async function threadJavascript(pageUrl: string) {
  const origin = new URL(pageUrl).origin;
  const html = (await request(pageUrl)).body.toString();
  const queue: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) queue.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)) {
    const href = m[0].match(/href="([^"]+)"/)?.[1];
    if (href) queue.push(href);
  }
  let inline = "";
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc=/.test(m[1])) continue;
    inline += m[2];
    for (const i of m[2].matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) queue.push(i[1]);
  }
  const seen = new Map<string, { bytes: number; gzipBytes: number }>();
  while (queue.length) {
    const url = new URL(queue.shift()!, origin).href;
    if (seen.has(url)) continue;
    const res = await request(url);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    seen.set(url, { bytes: res.body.length, gzipBytes: gzipSize(res.body) });
    // Static imports of the module (esbuild writes absolute /build/… paths).
    for (const i of res.body.toString().matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g))
      queue.push(new URL(i[1], url).href);
  }
  const files = [...seen].map(([url, size]) => ({ url: new URL(url).pathname, ...size }));
  return {
    files,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
    inlineBytes: Buffer.byteLength(inline),
    inlineGzipBytes: inline ? gzipSize(inline) : 0,
  };
}

/**
 * After votes on messages that are on none of the watched pages (a small
 * thread) or only on page 150 of the big thread, the pages a vote does not
 * change should still come from the cache. A hit is read from the server's
 * X-Page-Cache header when it sends one, else guessed from the timing (a hit
 * answers well under the geometric mean of hit and render times).
 */
async function probeVoteInvalidation(input: {
  app: Server;
  nocache: Server;
  big: string;
  bigSlug: string;
  sessions: { userId: number; cookie: string }[];
  votable: { id: number; author_id: number; number: number; slug: string }[];
}) {
  const { app, nocache, big } = input;
  const pagesToWatch = { "thread p1": big, "thread p150": `${big}?page=150`, guide: "/guide", home: "/" };
  const medianOf = async (url: string, n = 7) => {
    const values: number[] = [];
    for (let i = 0; i < n; i++) values.push((await request(url)).ms);
    return median(values);
  };
  const hit: Record<string, number> = {};
  const miss: Record<string, number> = {};
  let byHeader = true;
  for (const [name, p] of Object.entries(pagesToWatch)) {
    const first = await request(app.url + p);
    if (first.headers["x-page-cache"] === undefined) byHeader = false;
    hit[name] = await medianOf(app.url + p);
    miss[name] = await medianOf(nocache.url + p);
  }
  const isHit = async (name: string, url: string) => {
    const res = await request(url);
    return byHeader ? res.headers["x-page-cache"] === "hit" : res.ms < Math.sqrt(hit[name] * miss[name]);
  };
  const method = byHeader ? "X-Page-Cache header" : "timing";
  const cacheSeen = Object.keys(pagesToWatch).filter((name) => byHeader || hit[name] * 2 < miss[name]);
  if (cacheSeen.length === 0) {
    return {
      pass: false,
      needlessMisses: NaN,
      method,
      verdict: "no cache detected (cached and uncached timings alike)",
      detail: `no page answered faster from the cache server than from the PAGE_CACHE=off one (hit ${JSON.stringify(roundAll(hit))} vs ${JSON.stringify(roundAll(miss))} ms)`,
      hit,
      miss,
      cases: [],
    };
  }
  const small = input.votable.filter((p) => p.slug !== input.bigSlug);
  const deep = input.votable.filter((p) => p.slug === input.bigSlug && p.number > 7450 && p.number <= 7500);
  const cases = [
    { name: "vote in a small thread", posts: small, mustChange: [] as string[] },
    { name: "vote on page 150 of the big thread", posts: deep, mustChange: ["thread p150"] },
  ];
  const results: { case: string; page: string; mustChange: boolean; hits: number; trials: number }[] = [];
  let turn = 0;
  for (const c of cases) {
    const tally: Record<string, number> = {};
    const trials = 5;
    for (let t = 0; t < trials; t++) {
      for (const p of Object.values(pagesToWatch)) {
        await request(app.url + p);
        await request(app.url + p);
      }
      const post = c.posts[(turn * 13) % c.posts.length];
      const member = input.sessions.find(
        (s, i) => i >= (turn * 37) % input.sessions.length && s.userId !== post.author_id,
      )!;
      turn++;
      const res = await request(`${app.url}/posts/${post.id}/vote.data`, {
        method: "POST",
        headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", Cookie: member.cookie },
        body: new URLSearchParams({ choice: t % 2 ? "not_authentic" : "authentic", mode: "fetch" }).toString(),
      });
      if (res.status !== 200)
        throw new Error(`probe vote answered ${res.status}: ${res.body.toString().slice(0, 200)}`);
      for (const [name, p] of Object.entries(pagesToWatch))
        if (await isHit(name, app.url + p)) tally[name] = (tally[name] ?? 0) + 1;
    }
    for (const name of cacheSeen)
      results.push({
        case: c.name,
        page: name,
        mustChange: c.mustChange.includes(name),
        hits: tally[name] ?? 0,
        trials,
      });
  }
  const needless = results.filter((r) => !r.mustChange && r.hits < r.trials / 2);
  const stale = results.filter((r) => r.mustChange && r.hits > 0);
  return {
    pass: needless.length === 0 && stale.length === 0,
    needlessMisses: needless.length,
    staleHits: stale.length,
    method,
    verdict:
      needless.length || stale.length
        ? [
            ...needless.map((r) => `needlessly re-rendered ${r.page} after a ${r.case}`),
            ...stale.map((r) => `STALE ${r.page} after a ${r.case}`),
          ].join("; ")
        : `only the changed page re-rendered (${method})`,
    detail: `by ${method}: ${results.map((r) => `${r.case} → ${r.page}: ${r.hits}/${r.trials} hits${r.mustChange ? " (must change)" : ""}`).join("; ")} (single-request ms, cache ${JSON.stringify(roundAll(hit))} / no cache ${JSON.stringify(roundAll(miss))})`,
    hit,
    miss,
    cases: results,
  };
}

function roundAll(values: Record<string, number>) {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.round(v * 100) / 100]));
}

// `--postgres`: SQLite beside PostgreSQL ×1 and ×2 workers (scripts/bench-postgres.ts).
(process.argv.includes("--postgres") ? import("./bench-postgres").then((m) => m.benchPostgres()) : main()).catch(
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
