/**
 * Issue 13, against the real built server: open redirects, the shared page cache, TRUST_PROXY behind a real
 * reverse proxy, malformed redirect targets, and the no-JavaScript 429 page's Retry-After.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/session.server";
import { joinOverHttp, PASSWORD, seededDatabase, startServer, type RunningServer } from "../setup/server";

let server: RunningServer;
const SLUG = "beyond-the-basics";

beforeAll(async () => {
  server = await startServer(await seededDatabase("hardening-two"), { SITE_URL: "https://forum.example" });
});

afterAll(async () => {
  await server?.stop();
});

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Origin: server.url, ...headers },
    redirect: "manual",
  });
}

describe("redirects after signing in and joining (findings 2 and 5)", () => {
  it("keeps only same-site paths, as a browser would parse them", () => {
    for (const evil of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "//evil.example",
      "/\\evil.example",
      // Dot segments collapse to a path that starts "//": another host to a browser.
      "/.//evil.example",
      "/..//evil.example",
      "/a/..//evil.example",
      "/.//a/.//evil.example",
    ])
      expect(safeRedirect(evil), JSON.stringify(evil)).toBe("/");
    expect(safeRedirect("/threads/x?sort=top#post-3")).toBe("/threads/x?sort=top#post-3");
    expect(safeRedirect("/。")).toBe("/%E3%80%82");
    expect(safeRedirect("/\r\nSet-Cookie: x=1")).toBe("/Set-Cookie:%20x=1");
  });

  it("never sends a new member off the site: /%09/evil.example lands on /", async () => {
    const response = await post("/join", {
      username: "redirect_tab",
      password: PASSWORD,
      redirectTo: "/\t/evil.example",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  });

  it("answers a CR/LF or non-Latin-1 target with a redirect, not a 500, and logs no raw line break", async () => {
    const targets = ["/\r\nSet-Cookie: x=1", "/。"];
    for (const [i, redirectTo] of targets.entries()) {
      const joined = await post("/join", { username: `redirect_crlf${i}`, password: PASSWORD, redirectTo });
      expect(joined.status).toBe(302);
      expect(joined.headers.get("set-cookie")).not.toMatch(/x=1/);
      const signedIn = await post("/login", { username: `redirect_crlf${i}`, password: PASSWORD, redirectTo });
      expect(signedIn.status).toBe(302);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.output()).not.toMatch(/^Set-Cookie/m);
    expect(server.output()).not.toMatch(/"status":500/);
  });
});

describe("the shared page cache (finding 3)", () => {
  it("builds the guide's absolute links from SITE_URL, never from the Host header", async () => {
    for (const path of ["/guide", "/guide.md"]) {
      const poisoned = await new Promise<string>((resolve, reject) => {
        const url = new URL(`${server.url}${path}`);
        http
          .get({ host: url.hostname, port: url.port, path, headers: { Host: "evil.example" } }, (res) => {
            let body = "";
            res.on("data", (chunk) => (body += chunk));
            res.on("end", () => resolve(body));
          })
          .on("error", reject);
      });
      expect(poisoned).not.toContain("evil.example");
      const served = await (await fetch(`${server.url}${path}`)).text();
      expect(served).not.toContain("evil.example");
    }
    expect(await (await fetch(`${server.url}/guide.md`)).text()).toContain("https://forum.example/");
  });

  it("never stores a HEAD request's empty answer", async () => {
    const head = await fetch(`${server.url}/threads/${SLUG}?page=1`, { method: "HEAD" });
    expect(head.status).toBe(200);
    for (const path of [`/threads/${SLUG}?page=1`, `/threads/${SLUG}.data?page=1`]) {
      await fetch(`${server.url}${path}`, { method: "HEAD" });
      const get = await fetch(`${server.url}${path}`);
      expect(get.status).toBe(200);
      expect((await get.text()).length).toBeGreaterThan(100);
    }
  });

  it("keys pages by the parameters they read, so junk parameters are served from the cache", async () => {
    await fetch(`${server.url}/threads/${SLUG}?sort=top`);
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${server.url}/threads/${SLUG}?sort=top&junk=${i}`);
      expect(response.headers.get("x-page-cache")).toBe("hit");
      expect(await response.text()).not.toContain(`junk`);
    }
  });
});

describe("behind a reverse proxy with TRUST_PROXY=1 (finding 4)", () => {
  let behind: RunningServer;
  let proxy: http.Server;
  let proxyUrl: string;
  let forwardedFor = "198.51.100.1";

  beforeAll(async () => {
    behind = await startServer(await seededDatabase("behind-proxy"), { TRUST_PROXY: "1", RATE_LIMITS: "on" });
    const target = new URL(behind.url);
    // A small HTTPS-terminating proxy, as nginx or Caddy would be: it forwards the client's address, the
    // protocol the browser used and the host it asked for.
    proxy = http.createServer((req, res) => {
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers: {
            ...req.headers,
            host: target.host,
            "x-forwarded-for": forwardedFor,
            "x-forwarded-proto": "https",
            "x-forwarded-host": "forum.example",
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const address = proxy.address() as { port: number };
    proxyUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await behind?.stop();
  });

  const joinThroughProxy = (username: string) =>
    fetch(`${proxyUrl}/join`, {
      method: "POST",
      body: new URLSearchParams({ username, password: PASSWORD }),
      headers: { Origin: "https://forum.example" },
      redirect: "manual",
    });

  it("accepts the browser's https origin and sets a Secure cookie", async () => {
    const response = await joinThroughProxy("proxied_member");
    expect(response.status).toBe(302);
    expect(response.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
  });

  it("gives each client behind the proxy its own rate-limit bucket", async () => {
    forwardedFor = "198.51.100.2";
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await joinThroughProxy(`proxied_a${i}`)).status);
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
    forwardedFor = "198.51.100.3";
    expect((await joinThroughProxy("proxied_b0")).status).toBe(302);
  });

  it("still refuses a forged origin through the proxy", async () => {
    const response = await fetch(`${proxyUrl}/join`, {
      method: "POST",
      body: new URLSearchParams({ username: "forged_proxied", password: PASSWORD }),
      headers: { Origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(response.status).toBe(403);
  });
});

describe("the no-JavaScript 429 page (finding 9)", () => {
  it("carries Retry-After", async () => {
    const limited = await startServer(await seededDatabase("retry-after"), { RATE_LIMITS: "on" });
    try {
      const cookie = await joinOverHttp(limited.url, "retry_after_member");
      let response: Response | undefined;
      for (let i = 0; i < 121; i++)
        response = await fetch(`${limited.url}/markdown-preview`, {
          method: "POST",
          body: new URLSearchParams({ body: "*hi*" }),
          headers: { Origin: limited.url, Cookie: cookie },
          redirect: "manual",
        });
      expect(response!.status).toBe(429);
      expect(response!.headers.get("retry-after")).toMatch(/^\d+$/);
    } finally {
      await limited.stop();
    }
  });
});
