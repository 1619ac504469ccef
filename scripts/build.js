// `npm run build`: the Remix app (build/index.js, public/build/), then the
// production server bundled to plain JavaScript (build/server.js), so the
// server runs on Node alone — no TypeScript loader in production, which
// costs ~50 MB of memory and a little time on every request.
import { spawnSync } from "node:child_process";
import { build } from "esbuild";

const remix = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "build"], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
if (remix.status !== 0) process.exit(remix.status ?? 1);

await build({
  entryPoints: ["scripts/server.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  // App code imported as ~/… is bundled: without the alias, esbuild 0.17 takes it for an external package.
  alias: { "~": "./app" },
  logLevel: "warning",
});
console.log("Built the server: build/server.js");
