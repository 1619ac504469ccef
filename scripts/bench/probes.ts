/** Two measurements beside the rounds: the JavaScript a thread page loads, and what a vote drops from the cache. */
import { gzipSize, request, type Server } from "./runner";
import { median } from "./statistics";

/**
 * The JavaScript a page loads: its <script src>, modulepreload links and the modules they statically import,
 * fetched, gzipped and summed; its inline scripts apart. `sentBytes` is what the server actually sends for the
 * files to a browser that takes brotli and gzip (as Chromium does). A cookie fetches the page as that member.
 */
export async function pageJavascript(pageUrl: string, cookie?: string) {
  const origin = new URL(pageUrl).origin;
  const html = (await request(pageUrl, cookie ? { headers: { Cookie: cookie } } : {})).body.toString();
  const queue: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) queue.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*>/g)) {
    const href = m[0].match(/href="([^"]+)"/)?.[1];
    if (href) queue.push(href);
  }
  let inline = "";
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc=/.test(m[1])) continue;
    inline += m[2];
    for (const i of m[2].matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)) queue.push(i[1]);
  }
  const seen = new Map<string, { bytes: number; gzipBytes: number; sentBytes: number }>();
  while (queue.length) {
    const url = new URL(queue.shift()!, origin).href;
    if (seen.has(url)) continue;
    const res = await request(url);
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    const sent = await request(url, { headers: { "Accept-Encoding": "br, gzip" } });
    seen.set(url, { bytes: res.body.length, gzipBytes: gzipSize(res.body), sentBytes: sent.body.length });
    // Static imports of the module (esbuild writes absolute /build/… paths).
    for (const i of res.body.toString().matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g))
      queue.push(new URL(i[1], url).href);
  }
  const files = [...seen].map(([url, size]) => ({ url: new URL(url).pathname, ...size }));
  return {
    files,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
    sentBytes: files.reduce((a, f) => a + f.sentBytes, 0),
    inlineBytes: Buffer.byteLength(inline),
    inlineGzipBytes: inline ? gzipSize(inline) : 0,
  };
}

/** A thread page's JavaScript for a visitor (decision 0019: none of the app's) and for a signed-in member. */
export async function threadJavascript(pageUrl: string, memberCookie: string) {
  return { visitor: await pageJavascript(pageUrl), member: await pageJavascript(pageUrl, memberCookie) };
}

/**
 * After votes on messages that are on none of the watched pages (a small
 * thread) or only on page 150 of the big thread, the pages a vote does not
 * change should still come from the cache. A hit is read from the server's
 * X-Page-Cache header when it sends one, else guessed from the timing (a hit
 * answers well under the geometric mean of hit and render times).
 */
export async function probeVoteInvalidation(input: {
  app: Server;
  nocache: Server;
  big: string;
  bigSlug: string;
  sessions: { userId: number; cookie: string }[];
  votable: { id: number; author_id: number; number: number; slug: string }[];
}) {
  const { app, nocache, big } = input;
  const pagesToWatch = { "thread p1": big, "thread p150": `${big}?page=150`, guide: "/guide", home: "/" };
  const medianOf = async (url: string, n = 7) => {
    const values: number[] = [];
    for (let i = 0; i < n; i++) values.push((await request(url)).ms);
    return median(values);
  };
  const hit: Record<string, number> = {};
  const miss: Record<string, number> = {};
  let byHeader = true;
  for (const [name, p] of Object.entries(pagesToWatch)) {
    const first = await request(app.url + p);
    if (first.headers["x-page-cache"] === undefined) byHeader = false;
    hit[name] = await medianOf(app.url + p);
    miss[name] = await medianOf(nocache.url + p);
  }
  const isHit = async (name: string, url: string) => {
    const res = await request(url);
    return byHeader ? res.headers["x-page-cache"] === "hit" : res.ms < Math.sqrt(hit[name] * miss[name]);
  };
  const method = byHeader ? "X-Page-Cache header" : "timing";
  const cacheSeen = Object.keys(pagesToWatch).filter((name) => byHeader || hit[name] * 2 < miss[name]);
  if (cacheSeen.length === 0) {
    return {
      pass: false,
      needlessMisses: NaN,
      method,
      verdict: "no cache detected (cached and uncached timings alike)",
      detail: `no page answered faster from the cache server than from the PAGE_CACHE=off one (hit ${JSON.stringify(roundAll(hit))} vs ${JSON.stringify(roundAll(miss))} ms)`,
      hit,
      miss,
      cases: [],
    };
  }
  const small = input.votable.filter((p) => p.slug !== input.bigSlug);
  const deep = input.votable.filter((p) => p.slug === input.bigSlug && p.number > 7450 && p.number <= 7500);
  const cases = [
    { name: "vote in a small thread", posts: small, mustChange: [] as string[] },
    { name: "vote on page 150 of the big thread", posts: deep, mustChange: ["thread p150"] },
  ];
  const results: { case: string; page: string; mustChange: boolean; hits: number; trials: number }[] = [];
  let turn = 0;
  for (const c of cases) {
    const tally: Record<string, number> = {};
    const trials = 5;
    for (let t = 0; t < trials; t++) {
      for (const p of Object.values(pagesToWatch)) {
        await request(app.url + p);
        await request(app.url + p);
      }
      const post = c.posts[(turn * 13) % c.posts.length];
      const member = input.sessions.find(
        (s, i) => i >= (turn * 37) % input.sessions.length && s.userId !== post.author_id,
      )!;
      turn++;
      const res = await request(`${app.url}/posts/${post.id}/vote.data`, {
        method: "POST",
        headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded", Cookie: member.cookie },
        body: new URLSearchParams({ choice: t % 2 ? "not_authentic" : "authentic", mode: "fetch" }).toString(),
      });
      if (res.status !== 200)
        throw new Error(`probe vote answered ${res.status}: ${res.body.toString().slice(0, 200)}`);
      for (const [name, p] of Object.entries(pagesToWatch))
        if (await isHit(name, app.url + p)) tally[name] = (tally[name] ?? 0) + 1;
    }
    for (const name of cacheSeen)
      results.push({
        case: c.name,
        page: name,
        mustChange: c.mustChange.includes(name),
        hits: tally[name] ?? 0,
        trials,
      });
  }
  const needless = results.filter((r) => !r.mustChange && r.hits < r.trials / 2);
  const stale = results.filter((r) => r.mustChange && r.hits > 0);
  return {
    pass: needless.length === 0 && stale.length === 0,
    needlessMisses: needless.length,
    staleHits: stale.length,
    method,
    verdict:
      needless.length || stale.length
        ? [
            ...needless.map((r) => `needlessly re-rendered ${r.page} after a ${r.case}`),
            ...stale.map((r) => `STALE ${r.page} after a ${r.case}`),
          ].join("; ")
        : `only the changed page re-rendered (${method})`,
    detail: `by ${method}: ${results.map((r) => `${r.case} → ${r.page}: ${r.hits}/${r.trials} hits${r.mustChange ? " (must change)" : ""}`).join("; ")} (single-request ms, cache ${JSON.stringify(roundAll(hit))} / no cache ${JSON.stringify(roundAll(miss))})`,
    hit,
    miss,
    cases: results,
  };
}

function roundAll(values: Record<string, number>) {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Math.round(v * 100) / 100]));
}
