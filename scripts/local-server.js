// Starts the built server (build/server.js) on a free port with a throw-away database, for the
// tools that look at real pages: `npm run audit` (Lighthouse) and `npm run screenshots`.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export async function startLocalServer() {
  if (!fs.existsSync("build/server.js")) {
    const built = spawnSync(process.execPath, ["scripts/build.js"], { stdio: "inherit" });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const port = await freePort();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "beyond-hello-look-"));
  const server = spawn(process.execPath, ["build/server.js"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_PATH: path.join(folder, "db.sqlite"),
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${origin}/`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    origin,
    stop() {
      server.kill("SIGTERM");
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
