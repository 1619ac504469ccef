// `npm start`: build the app when the build is missing or older than its
// sources, then run the production server (which migrates and seeds).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const built = fs.existsSync("build/server.js") ? fs.statSync("build/server.js").mtimeMs : 0;
const sources = Math.max(...["app", "db", "scripts/server.ts", "remix.config.js", "package.json"].map(newestMtime));
if (built < sources) {
  console.log("Building the app…");
  const result = spawnSync(process.execPath, ["scripts/build.js"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const server = spawn(process.execPath, ["build/server.js"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
