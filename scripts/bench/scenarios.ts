/**
 * What the benchmark asks of the servers: the generated forum with its signed-in members and vote
 * pairs, the scenarios (one page or action each), a check that each scenario's requests are valid,
 * and each page's size.
 */
import { createSession, generateSessionToken, SESSION_COOKIE } from "../../app/session.server";
import { openDatabase, openSqlite } from "../../db/database";
import { BIG_THREAD_SLUG, commentBodies, generateDatabase, MEDIUM_THREAD_SLUG, prng } from "../../tests/bench/generate";
import { comingBackScenarios } from "./coming-back";
import { gzipSize, log, request, SESSIONS, type Scenario, type Server } from "./runner";

export type Session = { userId: number; cookie: string };
export type VotePair = { cookie: string; postId: number; uses: number };

/** Fills dbFile with the fixed-seed forum, signs members in, and picks (member, message) pairs to vote on. */
export async function prepareForum(dbFile: string) {
  const forum = await generateDatabase(dbFile);
  log(
    `generated ${forum.members} members, ${forum.threads} threads, ${forum.posts} posts, ${forum.votes} votes, ${forum.guideEntries} guide entries in ${forum.seconds.toFixed(1)} s`,
  );

  // 3. Signed-in members: sessions written straight into the database (no argon2 sign-ups).
  const kdb = openDatabase(dbFile);
  const members = await kdb
    .selectFrom("user")
    .select(["id"])
    .where("role", "=", "member")
    .where("password_hash", "is not", null)
    .orderBy("id")
    .limit(SESSIONS)
    .execute();
  const sessions: { userId: number; cookie: string }[] = [];
  for (const member of members) {
    const token = generateSessionToken();
    await createSession(kdb, { token, userId: member.id });
    sessions.push({ userId: member.id, cookie: `${SESSION_COOKIE}=${token}` });
  }
  await kdb.destroy();

  // Vote pairs: (member, example message) with no vote yet and not the member's own, so a cycle
  // authentic → not_authentic → withdraw changes the state on every request.
  const sqlite = openSqlite(dbFile);
  const votable = sqlite
    .prepare(
      `SELECT post.id, post.author_id, post.number, thread.slug FROM post JOIN thread ON thread.id = post.thread_id
      WHERE post.kind != 'comment' AND post.deleted_at IS NULL AND post.hidden_at IS NULL AND post.review_pending_at IS NULL AND thread.locked_at IS NULL`,
    )
    .all() as { id: number; author_id: number; number: number; slug: string }[];
  const hasVote = sqlite.prepare("SELECT 1 FROM vote WHERE post_id = ? AND user_id = ?");
  const inGuide = new Set(
    (sqlite.prepare("SELECT post_id FROM guide_entry").all() as { post_id: number }[]).map((r) => r.post_id),
  );
  const rand = prng(99);
  const pairs: { cookie: string; postId: number; uses: number }[] = [];
  const paired = new Set<string>();
  while (pairs.length < 9000) {
    const post = votable[Math.floor(rand() * votable.length)];
    const member = sessions[Math.floor(rand() * sessions.length)];
    const key = `${post.id}:${member.userId}`;
    if (member.userId === post.author_id || paired.has(key) || hasVote.get(post.id, member.userId) !== undefined)
      continue;
    paired.add(key);
    pairs.push({ cookie: member.cookie, postId: post.id, uses: 0 });
  }
  sqlite.close();
  log(
    `sessions: ${sessions.length}; vote pairs: ${pairs.length} over ${new Set(pairs.map((p) => p.postId)).size} example messages`,
  );
  return { forum, sessions, pairs, votable, inGuide };
}

/** The scenarios, in the order they run and print; `vary` gives each request its member, vote or comment. */
export function buildScenarios({
  app,
  sessions,
  pairs,
  followers,
}: {
  app: Server;
  sessions: Session[];
  pairs: VotePair[];
  followers: Session[];
}) {
  let memberTurn = 0;
  let voteTurn = 0;
  let commentTurn = 0;
  let workshopTurn = 0;
  const bodies = commentBodies(50);
  const CHOICES = ["authentic", "not_authentic", "withdraw"] as const;
  const REASONS = ["pushy", "templated", "invasive", "entitled", "other"];
  const big = `/threads/${BIG_THREAD_SLUG}`;
  const postHeaders = (server: Server, cookie: string) => ({
    Origin: server.url,
    "Content-Type": "application/x-www-form-urlencoded",
    Cookie: cookie,
  });
  const scenarios: Scenario[] = [
    {
      key: "reference",
      label: "reference: page 1 (node:http + 1 query)",
      server: "ref",
      method: "GET",
      path: "/thread?page=1",
      expect: 200,
    },
    {
      key: "reference-deep",
      label: "reference: page 150",
      server: "ref",
      method: "GET",
      path: "/thread?page=150",
      expect: 200,
    },
    { key: "home", label: "thread list / (visitor)", server: "app", method: "GET", path: "/", expect: 200 },
    { key: "thread", label: "thread p1 (visitor, cache)", server: "app", method: "GET", path: big, expect: 200 },
    {
      key: "thread-deep",
      label: "thread p150 (visitor, cache)",
      server: "app",
      method: "GET",
      path: `${big}?page=150`,
      expect: 200,
    },
    {
      key: "thread-nocache",
      label: "thread p1 (visitor, no cache)",
      server: "nocache",
      method: "GET",
      path: big,
      expect: 200,
    },
    {
      key: "thread-deep-nocache",
      label: "thread p150 (visitor, no cache)",
      server: "nocache",
      method: "GET",
      path: `${big}?page=150`,
      expect: 200,
    },
    {
      key: "thread-member",
      label: "thread p1 (signed-in member)",
      server: "app",
      method: "GET",
      path: big,
      expect: 200,
      vary: () => ({ headers: { Cookie: sessions[memberTurn++ % sessions.length].cookie } }),
    },
    // Never cached: read from the aggregates the writes keep (decision 0018); held to a thread page's cost.
    {
      key: "insights",
      label: "insights (visitor, never cached)",
      server: "app",
      method: "GET",
      path: "/insights",
      expect: 200,
    },
    { key: "guide", label: "guide (visitor, cache)", server: "app", method: "GET", path: "/guide", expect: 200 },
    {
      key: "guide-nocache",
      label: "guide (visitor, no cache)",
      server: "nocache",
      method: "GET",
      path: "/guide",
      expect: 200,
    },
    // The app's smallest page (a form, no rows read): what any page costs before its own content.
    {
      key: "floor",
      label: "sign-in page (no cache): the floor",
      server: "nocache",
      method: "GET",
      path: "/login",
      expect: 200,
    },
    {
      key: "vote",
      label: "vote (POST .data, as the page's fetcher)",
      server: "app",
      method: "POST",
      path: "/posts/1/vote.data",
      expect: 200,
      vary: () => {
        const pair = pairs[voteTurn++ % pairs.length];
        const choice = CHOICES[pair.uses++ % 3];
        const form = new URLSearchParams({ choice, mode: "fetch" });
        if (choice === "not_authentic" && pair.uses % 2 === 0)
          form.append("reasons", REASONS[pair.postId % REASONS.length]);
        // The address a browser's fetcher posts to under single fetch; the answer is turbo-stream encoded data.
        return {
          path: `/posts/${pair.postId}/vote.data`,
          headers: postHeaders(app, pair.cookie),
          body: form.toString(),
        };
      },
    },
    {
      key: "comment",
      label: `comment (POST → 302, ${MEDIUM_THREAD_SLUG})`,
      server: "app",
      method: "POST",
      path: `/threads/${MEDIUM_THREAD_SLUG}`,
      expect: 302,
      vary: () => {
        const n = commentTurn++;
        const member = sessions[(n * 7) % sessions.length];
        const form = new URLSearchParams({
          intent: "comment",
          body: `${bodies[n % bodies.length]}\n\n(benchmark comment ${n})`,
        });
        return { headers: postHeaders(app, member.cookie), body: form.toString() };
      },
    },
    // The draft workshop's feedback as a visitor's page fetcher asks for it (issue 18; target ≤ 5 ms CPU).
    {
      key: "workshop",
      label: "workshop answer (POST .data, visitor)",
      server: "app",
      method: "POST",
      path: "/workshop.data",
      expect: 200,
      vary: () => ({
        headers: { Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          intent: "check",
          text: bodies[workshopTurn++ % bodies.length].slice(0, 400),
        }).toString(),
      }),
    },
    ...comingBackScenarios({ app, followers }),
  ];
  return scenarios;
}

export function oneRequest(s: Scenario) {
  const v = s.vary?.() ?? {};
  return { path: v.path ?? s.path, headers: v.headers ?? {}, body: v.body };
}

/** Every scenario's requests must be valid: checks a few before measuring anything. */
export async function checkScenarios(scenarios: Scenario[], baseOf: (s: Scenario) => Server) {
  log("checking a sample request of each scenario…");
  for (const s of scenarios) {
    for (let i = 0; i < 3; i++) {
      const r = oneRequest(s);
      const res = await request(baseOf(s).url + r.path, { method: s.method, headers: r.headers, body: r.body });
      const ok = res.status === s.expect && (s.key !== "vote" || res.body.toString().includes('"ok",true'));
      if (!ok)
        throw new Error(
          `${s.key}: ${s.method} ${r.path} answered ${res.status} (expected ${s.expect}): ${res.body.toString().slice(0, 300)}`,
        );
    }
  }
}

/** Each page's HTML, plain and gzipped, and whether its second GET came from the cache. */
export async function pageSizes(scenarios: Scenario[], baseOf: (s: Scenario) => Server) {
  const pages: Record<string, { path: string; bytes: number; gzipBytes: number; pageCache: string }> = {};
  for (const s of scenarios.filter((x) => x.method === "GET")) {
    const r = oneRequest(s);
    await request(baseOf(s).url + r.path, { headers: r.headers });
    const res = await request(baseOf(s).url + r.path, { headers: r.headers });
    pages[s.key] = {
      path: r.path,
      bytes: res.body.length,
      gzipBytes: gzipSize(res.body),
      pageCache: String(res.headers["x-page-cache"] ?? "–"),
    };
  }
  return pages;
}
