/**
 * What a page sends the browser: forms are validated on the server only, so zod and the schemas
 * (app/server/validation.server.ts, ~62 KB) stay out of the JavaScript the pages that read forms load.
 * Reads the production build's manifest: the route's module and every chunk it preloads.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../setup/server";

interface ManifestRoute {
  module: string;
  imports?: string[];
}

let routes: Record<string, ManifestRoute>;

beforeAll(() => {
  ensureBuilt();
  // Not its `.br` beside it (scripts/build.js).
  const file = fs.readdirSync("public/build").find((name) => name.startsWith("manifest-") && name.endsWith(".js"));
  const text = fs.readFileSync(`public/build/${file}`, "utf8");
  routes = (JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as { routes: typeof routes }).routes;
});

function clientCode(routeId: string): string {
  const route = routes[routeId];
  expect(route, routeId).toBeDefined();
  return [route.module, ...(route.imports ?? [])].map((path) => fs.readFileSync(`public${path}`, "utf8")).join("\n");
}

describe("client bundles", () => {
  it.each([
    "routes/login",
    "routes/join",
    "routes/posts_.$postId.vote",
    "routes/posts_.$postId.flag",
    "routes/posts_.$postId.edit",
    "routes/posts_.$postId.edit-message",
    "routes/posts_.$postId.history",
    "routes/threads.$slug",
    "routes/settings",
    "routes/mod.guide",
  ])("%s loads no zod", (routeId) => {
    expect(clientCode(routeId)).not.toContain("ZodError");
  });
});
