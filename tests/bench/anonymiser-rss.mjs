// Resident memory of `node build/server.js` at rest, after one anonymised preview (issue 12's memory budget).
// Run after `node scripts/build.js`: `node tests/bench/anonymiser-rss.mjs` (PORT defaults to 3923).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const port = Number(process.env.PORT ?? 3923);
const dir = mkdtempSync(join(tmpdir(), "rss-"));
const server = spawn(process.execPath, ["build/server.js"], {
  env: { ...process.env, PORT: String(port), DATABASE_PATH: join(dir, "db.sqlite"), RATE_LIMITS: "off" },
  stdio: ["ignore", "pipe", "inherit"],
});
const base = `http://localhost:${port}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; i < 100; i++) {
  try {
    await fetch(base + "/");
    break;
  } catch {
    await sleep(200);
  }
}
const rss = () => Number(readFileSync(`/proc/${server.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)[1]) / 1024;
const headers = { origin: base, "content-type": "application/x-www-form-urlencoded" };
const join_ = await fetch(base + "/join", {
  method: "POST",
  headers,
  redirect: "manual",
  body: new URLSearchParams({ username: "rssuser", password: "correct horse battery staple 42" }),
});
const cookie = (join_.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
const threads = await (await fetch(base + "/")).text();
const slug = threads.match(/href="\/threads\/([a-z0-9-]+)"/)[1];
await sleep(3000);
const before = rss();
const res = await fetch(`${base}/threads/${slug}/share`, {
  method: "POST",
  headers: { ...headers, cookie },
  body: new URLSearchParams({
    kind: "received_reply",
    text: "Hi Sarah,\nthanks, ask Priya Natarajan at Brightwater Analytics.\nBest,\nTom",
    contextLine: "",
    remove: "",
    intent: "preview",
  }),
});
const html = await res.text();
if (!html.includes("[name]")) console.error("preview not shown", res.status, join_.status);
await sleep(5000);
console.log(`rss before anonymise ${before.toFixed(1)} MB; at rest after one anonymise call ${rss().toFixed(1)} MB`);
server.kill("SIGTERM");
