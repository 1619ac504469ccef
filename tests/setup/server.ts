/**
 * Starts the real production server (the built app behind scripts/server.ts)
 * on a free port with its own database file, for tests that need real HTTP:
 * concurrency, forged requests, the page cache, what the server writes to its
 * output, crashes.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { databaseEnv, openDatabase } from "../../db/database";
import { migrateOrThrow } from "../../db/migrate";
import { seed } from "../../db/seed";
import { freshDatabase } from "./test-database";

export const PASSWORD = "a long enough password";

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, and wait for the process to end. */
  stop: () => Promise<void>;
}

export function ensureBuilt(): void {
  if (fs.existsSync("build/index.js") && fs.existsSync("build/server.js")) return;
  const result = spawnSync(process.execPath, ["scripts/build.js"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("the build failed");
}

/** A fresh copy of the migrated template, with the article's threads and messages seeded: a file's path or a database's URL. */
export async function seededDatabase(label: string): Promise<string> {
  const databasePath = await freshDatabase(label);
  const db = openDatabase(databasePath);
  await migrateOrThrow(db);
  await seed(db);
  await db.destroy();
  return databasePath;
}

export async function startServer(databasePath: string, env: Record<string, string> = {}): Promise<RunningServer> {
  ensureBuilt();
  const child = spawn(process.execPath, ["build/server.js"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...databaseEnv(databasePath), NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout.on("data", () => {
      const match = output.match(/ready at (http:\/\/[\d.]+:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(({ code }) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Joins through the real form, as a browser would; returns the session cookie to send. */
export async function joinOverHttp(url: string, username: string, password = PASSWORD): Promise<string> {
  const response = await fetch(`${url}/join`, {
    method: "POST",
    body: new URLSearchParams({ username, password }),
    headers: { Origin: url },
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`joining as ${username} answered ${response.status}`);
  return cookie.split(";")[0];
}
