/**
 * The benchmark's machinery: autocannon, the settings read from the environment, the server
 * processes and their CPU and memory, plain HTTP requests, and the measuring rounds.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { fmt } from "./statistics";

// --- autocannon (no bundled types: the little we use, typed here) ------------

export interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest, context: Record<string, unknown>) => AcRequest;
}
export interface AcResult {
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

export const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
export const WARMUP_S = Number(process.env.BENCH_WARMUP || 2);
export const DURATION_S = Number(process.env.BENCH_DURATION || 5);
export const PORT_BASE = Number(process.env.BENCH_PORT || 4110);
export const CONNECTIONS = [1, 50] as const;
export const SESSIONS = 1000;
export const ROOT = process.cwd();
export const RESULTS_DIR = path.join(ROOT, "tests/bench/results");
export const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

export const TARGETS = {
  cachedRatio: 0.5,
  uncachedRatio: 6,
  memberRatio: 7,
  deepOverFirst: 1.2,
  votesPerSecond: 600,
  peakRssMb: 300,
  /** Issue 17: a visitor's thread page, files and inline scripts together. */
  visitorThreadJsKb: 85,
  visitorThreadJsRequests: 12,
  memberThreadJsKb: 120,
};

export const started = Date.now();
export const log = (line: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${line}`);

// --- processes ------------------------------------------------------------------

export interface Server {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  logFile: string;
}

export async function freePort(from: number): Promise<number> {
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
export async function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  dir: string,
): Promise<Server> {
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

export function stopProcess(server: Server): Promise<void> {
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

export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** utime + stime of the whole process (all its threads), in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK;
}

/** Peak resident set (VmHWM) and current (VmRSS), in MB. */
export function memoryMb(pid: number): { peak: number; current: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
  return { peak: kb("VmHWM") / 1024, current: kb("VmRSS") / 1024 };
}

// --- plain HTTP, for checks and sizes ------------------------------------------------

export const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
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

export const gzipSize = (data: Buffer | string) => zlib.gzipSync(data).length;

// --- the rounds ------------------------------------------------------------------

export interface Scenario {
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

export interface Measurement {
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

/** Every scenario, ROUNDS times: a warm-up, then a measured run at each of CONNECTIONS. */
export async function measureRounds(scenarios: Scenario[], baseOf: (s: Scenario) => Server) {
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
        const success = result["2xx"] + (s.expect >= 300 ? (result.statusCodeStats[String(s.expect)]?.count ?? 0) : 0);
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
  return measurements;
}
