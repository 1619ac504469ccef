/**
 * WORKERS=N: N server processes sharing one port (Node's cluster; the primary
 * hands connections out in turn). Each worker is the whole server with its
 * own page cache, render limit and database pool; only PostgreSQL lets them
 * share the data safely and hear each other's invalidations
 * (scripts/shared-page-cache.ts). The primary migrates and seeds once, before
 * forking, and passes SIGTERM/SIGINT on so every worker finishes its requests.
 */
import cluster, { type Worker } from "node:cluster";

export function workerCount(): number {
  const count = Number(process.env.WORKERS || 1);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`WORKERS must be a whole number from 1 up, not "${process.env.WORKERS}".`);
  return count;
}

export function superviseWorkers(count: number): void {
  let stopping = false;
  const startedAt = new Map<Worker, number>();
  const fork = () => startedAt.set(cluster.fork(), Date.now());
  for (let i = 0; i < count; i++) fork();

  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) process.exit(); // with process.exitCode: 1 when a worker failed to start
      return;
    }
    console.error(`worker ${worker.process.pid} exited (${signal ?? code})`);
    // A worker that dies at once will die again: stop rather than fork for ever.
    if (lived < 5_000) {
      console.error("it had just started; stopping every worker.");
      stop("SIGTERM", 1);
      return;
    }
    fork();
  });

  const stop = (signal: NodeJS.Signals, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    if (exitCode) process.exitCode = exitCode;
    if (startedAt.size === 0) process.exit();
    for (const worker of startedAt.keys()) worker.process.kill(signal);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
