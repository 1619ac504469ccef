/**
 * Starts the real production server (the built app behind scripts/server.ts)
 * on a free port with its own database file, for tests that need real HTTP:
 * concurrency, and what the server writes to its output.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";

export interface RunningServer {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

export function ensureBuilt(): void {
  if (fs.existsSync("build/index.js")) return;
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("remix build failed");
}

export async function startServer(databasePath: string): Promise<RunningServer> {
  ensureBuilt();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/server.ts"], {
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: databasePath, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout.on("data", () => {
      const match = output.match(/ready at (http:\/\/[\d.]+:\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.on("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
