/**
 * The benchmark's forum: a fixed-seed generator that writes a fresh, migrated
 * and seeded SQLite file the size of a busy community. The same seed always
 * gives the same forum (apart from the wall-clock times it is anchored to).
 *
 *   2,000 members (a few moderators), 20 threads (the 8 the seed opens + 12),
 *   one of 10,000 posts and one of 1,000, the others small; comments in
 *   Markdown (emphasis, lists, links, quotes, code, and `<&"`) and example
 *   messages (anonymised plain text); 100,000 votes on the example messages
 *   with some reasons; a guide of 5 sections and 40 entries.
 *
 * Counters are consistent with the rows: each thread's post_count, example_count,
 * last_post_number and last_activity_at; each post's reply_count,
 * authentic/not_authentic counts and authenticity_rank (Wilson lower bound).
 *
 * Run alone: node --import tsx tests/bench/generate.ts [file] [seed]
 */
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { rebuildInsights } from "../../app/models/insight-aggregates.server";
import { exampleMessageHtml } from "../../app/utils/example-message";
import { renderMarkdown } from "../../app/utils/markdown";
import { wilsonLowerBound } from "../../app/utils/wilson";
import { openDatabase, openSqlite } from "../../db/database";
import { migrateOrThrow } from "../../db/migrate";
import { seed as seedForum } from "../../db/seed";

export const BIG_THREAD_SLUG = "bench-the-long-thread";
export const MEDIUM_THREAD_SLUG = "bench-a-busy-thread";

export interface GenerateOptions {
  seed?: number;
  members?: number;
  bigPosts?: number;
  mediumPosts?: number;
  votes?: number;
  now?: number;
  log?: (line: string) => void;
}

export interface GeneratedForum {
  file: string;
  seconds: number;
  members: number;
  threads: number;
  posts: number;
  votes: number;
  voteReasons: number;
  guideSections: number;
  guideEntries: number;
  bigThread: { id: number; slug: string; posts: number };
  mediumThread: { id: number; slug: string; posts: number };
}

/** mulberry32: small, fast, good enough for test data, and the same everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 24 * 60 * 60 * 1000;
// A fixed argon2id string: nobody signs in with a password; the benchmark makes sessions directly.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2htYXJrc2FsdA$9m0Hh0pB0cTqZ2lW8iJf0XcI7vN2yqYQm3wq0k2s9xk";

const FIRST = [
  "alex",
  "sam",
  "jo",
  "maria",
  "li",
  "omar",
  "ines",
  "kwame",
  "yuki",
  "priya",
  "noah",
  "lena",
  "tomas",
  "amara",
  "chen",
  "fatima",
  "luca",
  "sofia",
  "arjun",
  "emma",
];
const LAST = [
  "smith",
  "garcia",
  "kim",
  "okafor",
  "novak",
  "silva",
  "rossi",
  "tanaka",
  "patel",
  "berg",
  "moreau",
  "khan",
  "murphy",
  "costa",
  "weber",
  "ali",
  "ng",
  "santos",
  "lund",
  "haddad",
];

const WORDS =
  "connection message reply outreach network conversation coffee question follow-up introduction mentor recruiter founder colleague project career advice industry startup conference meeting profile invitation opportunity feedback team product hiring role story experience learning".split(
    " ",
  );

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function sentence(rand: () => number, min = 8, max = 16): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(rand, WORDS));
  const s = words.join(" ");
  return s[0].toUpperCase() + s.slice(1) + pick(rand, [".", ".", ".", "?", "!"]);
}

const SPECIAL = [
  'She wrote "let\'s grab a coffee" & never replied.',
  "Response rate was < 10% & that's with follow-ups.",
  'R&D people answer "quick question" messages more often.',
  'I said "thanks <3" & it landed well.',
  "Three lines < three paragraphs & far < a cover letter.",
];

/** ~500 characters of Markdown with every construct a member might use, and the characters HTML cares about. */
function markdownBody(rand: () => number, i: number): string {
  const parts: string[] = [];
  const shape = i % 5;
  parts.push(
    `${sentence(rand)} *${pick(rand, WORDS)} ${pick(rand, WORDS)}* matters, **${pick(rand, WORDS)}** less so. ${pick(rand, SPECIAL)}`,
  );
  if (shape === 0)
    parts.push(
      `- ${sentence(rand, 4, 7)}\n- ${sentence(rand, 4, 7)}\n- see [the ${pick(rand, WORDS)} notes](https://example.com/notes/${i}?a=1&b=2)`,
    );
  if (shape === 1) parts.push(`> ${sentence(rand)}\n> ${pick(rand, SPECIAL)}`);
  if (shape === 2) parts.push('```\nif (replies < 3 && days > 7) {\n  send("gentle follow-up");\n}\n```');
  if (shape === 3) parts.push(`1. ${sentence(rand, 4, 7)}\n2. ${sentence(rand, 4, 7)} Use \`a < b && "c"\` as a rule.`);
  if (shape === 4)
    parts.push(`${sentence(rand)} More at <https://example.org/${pick(rand, WORDS)}>, or ask me & I'll share.`);
  while (parts.join("\n\n").length < 460) parts.push(sentence(rand));
  return parts.join("\n\n").slice(0, 560);
}

const OPENERS = ["Hi [name],", "Hello [name],", "Dear [name],", "Hey [name]!"];
const CLOSINGS = ["Best,\n[name]", "Thanks,\n[name]", "Cheers,\n[name]", "Kind regards,\n[name]"];

/** An anonymised example message: plain text with placeholders, ~450 characters. */
function exampleBody(rand: () => number): string {
  const paragraphs = [pick(rand, OPENERS)];
  paragraphs.push(
    `${sentence(rand)} I saw your post about [company] & the "${pick(rand, WORDS)} ${pick(rand, WORDS)}" idea.`,
  );
  while (paragraphs.join("\n\n").length < 380)
    paragraphs.push(`${sentence(rand)} ${rand() < 0.3 ? pick(rand, SPECIAL) : sentence(rand, 5, 9)}`);
  paragraphs.push(pick(rand, CLOSINGS));
  return paragraphs.join("\n\n");
}

/** Distinct Markdown comment bodies (~500 characters), for the benchmark's "post a comment" requests. */
export function commentBodies(count = 50, seed = 7): string[] {
  const rand = prng(seed);
  return Array.from({ length: count }, (_, i) => markdownBody(rand, i));
}

const GUIDE_SECTIONS = [
  "Openers that work",
  "Following up without pushing",
  "Saying yes, saying no",
  "Asking for advice",
  "Messages that missed",
];

const OUTCOME_MIX = [
  "no_answer_yet",
  "no_answer",
  "no_answer",
  "declined",
  "replied",
  "replied",
  "conversation",
  "met",
];

/** Outcomes on 60% of the approaches, happening 0–20 days after each was shared. */
function generateOutcomes(db: ReturnType<typeof openSqlite>, rand: () => number): number {
  const approaches = db
    .prepare("SELECT id, created_at FROM post WHERE kind = 'approach' AND deleted_at IS NULL ORDER BY id")
    .all() as { id: number; created_at: number }[];
  const insert = db.prepare(
    "INSERT INTO outcome (post_id, status, follow_up, happened_at, recorded_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  let count = 0;
  db.transaction(() => {
    for (const a of approaches) {
      if (rand() >= 0.6) continue;
      const happened = Math.floor((a.created_at + Math.floor(rand() * 20) * DAY) / DAY) * DAY;
      insert.run(
        a.id,
        OUTCOME_MIX[Math.floor(rand() * OUTCOME_MIX.length)],
        Math.floor(rand() * 4),
        happened,
        happened,
        happened,
      );
      count += 1;
    }
  })();
  return count;
}

export async function generateDatabase(file: string, options: GenerateOptions = {}): Promise<GeneratedForum> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const rand = prng(options.seed ?? 20261125);
  const memberCount = options.members ?? 2000;
  const bigPosts = options.bigPosts ?? 10_000;
  const mediumPosts = options.mediumPosts ?? 1_000;
  const voteTarget = options.votes ?? 100_000;
  const now = options.now ?? Date.now();
  const origin = now - 400 * DAY;

  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

  // The schema and the article's own threads and messages, exactly as the app makes them.
  const kdb = openDatabase(file);
  await migrateOrThrow(kdb);
  await seedForum(kdb, origin);
  await kdb.destroy();

  const db = openSqlite(file);
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -65536");

  // --- members -------------------------------------------------------------
  const insertUser = db.prepare(
    "INSERT INTO user (username, username_key, password_hash, role, created_at, deleted_at) VALUES (?, ?, ?, ?, ?, NULL)",
  );
  const memberIds: number[] = [];
  const moderatorIds: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < memberCount; i++) {
      const username = `${FIRST[i % FIRST.length]}_${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i}`;
      const role = i === 0 ? "admin" : i < 5 ? "moderator" : "member";
      const created = origin + Math.floor(rand() * 30 * DAY);
      const id = Number(insertUser.run(username, username.toLowerCase(), DUMMY_HASH, role, created).lastInsertRowid);
      memberIds.push(id);
      if (role !== "member") moderatorIds.push(id);
    }
  })();
  log(`members: ${memberIds.length}`);

  // --- threads -------------------------------------------------------------
  const insertThread = db.prepare(
    "INSERT INTO thread (slug, title, prompt, context_md, context_html, seed_key, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)",
  );
  const extraThreads: { slug: string; title: string; posts: number }[] = [
    { slug: BIG_THREAD_SLUG, title: "Ten thousand replies: what finally worked for you?", posts: bigPosts },
    { slug: MEDIUM_THREAD_SLUG, title: "Your best follow-up, and what came of it", posts: mediumPosts },
  ];
  for (let i = 0; extraThreads.length < 12; i++) {
    extraThreads.push({
      slug: `bench-thread-${String(i + 1).padStart(2, "0")}`,
      title: `Prompt ${i + 1}: ${sentence(rand, 4, 8)}`,
      posts: 20 + Math.floor(rand() * 60),
    });
  }
  db.transaction(() => {
    for (const t of extraThreads) {
      const context = `> ${sentence(rand)}\n\nWhat would you do? *Share a message* or **comment** below & keep it kind.`;
      insertThread.run(
        t.slug,
        t.title,
        sentence(rand, 8, 14),
        context,
        renderMarkdown(context),
        moderatorIds[0],
        origin,
        origin,
      );
    }
  })();
  const threads = db.prepare("SELECT id, slug, last_post_number, post_count FROM thread ORDER BY id").all() as {
    id: number;
    slug: string;
    last_post_number: number;
    post_count: number;
  }[];
  const plannedPosts = new Map<string, number>(extraThreads.map((t) => [t.slug, t.posts]));

  // --- bodies: rendered once each, reused ------------------------------------
  const comments = Array.from({ length: 50 }, (_, i) => {
    const body = markdownBody(rand, i);
    return { body, html: renderMarkdown(body) };
  });
  const examples = Array.from({ length: 50 }, () => {
    const body = exampleBody(rand);
    return { body, html: exampleMessageHtml(body) };
  });
  const contextLines = [
    null,
    null,
    "First message after connecting",
    "Second follow-up, two weeks later",
    'Reply to my "quick question"',
    "Cold message to a founder",
  ];

  // --- posts ------------------------------------------------------------------
  let nextPostId = (db.prepare("SELECT coalesce(max(id), 0) AS m FROM post").get() as { m: number }).m + 1;
  const insertPost = db.prepare(
    `INSERT INTO post (id, thread_id, number, author_id, kind, body, body_html, context_line, reply_to_id, approach_id, reply_count, created_at, deleted_at, hidden_at, hidden_by, hidden_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?, ?, ?, ?)`,
  );
  const bumpReply = db.prepare("UPDATE post SET reply_count = reply_count + 1 WHERE id = ?");
  const updateThread = db.prepare(
    "UPDATE thread SET post_count = ?, last_post_number = ?, last_activity_at = ?, updated_at = ? WHERE id = ?",
  );
  /** Votable example messages: id and author. */
  const votable: { id: number; author: number }[] = [];
  let postTotal = 0;
  const activityEnd = now - 2 * 60 * 60 * 1000;
  db.transaction(() => {
    for (const thread of threads) {
      const existing = db
        .prepare("SELECT id, author_id, kind, created_at FROM post WHERE thread_id = ? ORDER BY number")
        .all(thread.id) as {
        id: number;
        author_id: number;
        kind: string;
      }[];
      for (const p of existing) if (p.kind !== "comment") votable.push({ id: p.id, author: p.author_id });
      const count = plannedPosts.get(thread.slug) ?? 5 + Math.floor(rand() * 40);
      const recent: number[] = existing.map((p) => p.id);
      let number = thread.last_post_number;
      let visible = thread.post_count;
      const start = origin + 31 * DAY;
      const step = (activityEnd - start) / count;
      let last = 0;
      for (let i = 0; i < count; i++) {
        number += 1;
        const id = nextPostId++;
        const author = memberIds[Math.floor(Math.pow(rand(), 1.6) * memberIds.length)]; // some members post far more
        const created = Math.floor(start + step * i + rand() * step * 0.9);
        last = created;
        const roll = rand();
        if (roll < 0.7) {
          const c = pick(rand, comments);
          const deleted = rand() < 0.003;
          let replyTo: number | null = null;
          if (!deleted && recent.length && rand() < 0.15) {
            replyTo = recent[Math.max(0, recent.length - 1 - Math.floor(rand() * 200))]!;
            bumpReply.run(replyTo);
          }
          insertPost.run(
            id,
            thread.id,
            number,
            author,
            "comment",
            deleted ? "" : c.body,
            deleted ? "" : c.html,
            null,
            replyTo,
            created,
            deleted ? created + 60_000 : null,
            null,
            null,
            null,
          );
          if (!deleted) visible += 1;
        } else {
          const e = pick(rand, examples);
          const kind = roll < 0.88 ? "approach" : "received_reply";
          const hidden = rand() < 0.002;
          insertPost.run(
            id,
            thread.id,
            number,
            author,
            kind,
            e.body,
            e.html,
            pick(rand, contextLines),
            null,
            created,
            null,
            hidden ? created + DAY : null,
            hidden ? moderatorIds[1] : null,
            hidden ? "Not properly anonymised" : null,
          );
          visible += 1;
          if (!hidden) votable.push({ id, author });
        }
        recent.push(id);
        if (recent.length > 400) recent.splice(0, 200);
      }
      postTotal += count;
      updateThread.run(visible, number, last || null, last || origin, thread.id);
    }
    db.prepare(
      `UPDATE thread SET example_count = (SELECT count(*) FROM post WHERE post.thread_id = thread.id
         AND post.kind IN ('approach', 'received_reply') AND post.deleted_at IS NULL)`,
    ).run();
  })();
  log(`posts: ${postTotal} new, ${votable.length} votable example messages`);

  // --- votes ------------------------------------------------------------------
  const insertVote = db.prepare(
    "INSERT INTO vote (post_id, user_id, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
  );
  const insertReason = db.prepare("INSERT INTO vote_reason (post_id, user_id, reason) VALUES (?, ?, ?)");
  const setCounts = db.prepare(
    "UPDATE post SET authentic_count = ?, not_authentic_count = ?, authenticity_rank = ? WHERE id = ?",
  );
  const reasonsList = ["invasive", "templated", "pushy", "entitled", "other"] as const;
  const weights = votable.map(() => Math.pow(rand(), 3) + 0.02);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const cap = memberIds.length - 1;
  const perPost = weights.map((w) => Math.min(cap, Math.round((w / weightSum) * voteTarget)));
  // Round to exactly the target by nudging the posts with room.
  let diff = voteTarget - perPost.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % perPost.length) {
    if (diff > 0 && perPost[i] < cap) {
      perPost[i] += 1;
      diff -= 1;
    } else if (diff < 0 && perPost[i] > 0) {
      perPost[i] -= 1;
      diff += 1;
    }
  }
  let voteTotal = 0;
  let reasonTotal = 0;
  const shuffled = memberIds.slice();
  db.transaction(() => {
    votable.forEach((post, index) => {
      const n = perPost[index];
      const p = 0.25 + rand() * 0.7;
      let authentic = 0;
      let notAuthentic = 0;
      // A partial Fisher–Yates shuffle: n distinct voters.
      let taken = 0;
      for (let k = 0; taken < n && k < shuffled.length; k++) {
        const j = k + Math.floor(rand() * (shuffled.length - k));
        [shuffled[k], shuffled[j]] = [shuffled[j], shuffled[k]];
        const user = shuffled[k];
        if (user === post.author) continue;
        taken += 1;
        const at = now - Math.floor(rand() * 300 * DAY);
        if (rand() < p) {
          insertVote.run(post.id, user, "authentic", at, at);
          authentic += 1;
        } else {
          insertVote.run(post.id, user, "not_authentic", at, at);
          notAuthentic += 1;
          if (rand() < 0.4) {
            const first = Math.floor(rand() * reasonsList.length);
            insertReason.run(post.id, user, reasonsList[first]);
            reasonTotal += 1;
            if (rand() < 0.3) {
              insertReason.run(post.id, user, reasonsList[(first + 1 + Math.floor(rand() * 4)) % 5]);
              reasonTotal += 1;
            }
          }
        }
      }
      voteTotal += authentic + notAuthentic;
      if (authentic + notAuthentic > 0)
        setCounts.run(authentic, notAuthentic, wilsonLowerBound(authentic, authentic + notAuthentic), post.id);
    });
  })();
  log(`votes: ${voteTotal}, reasons: ${reasonTotal}`);

  // --- the guide ----------------------------------------------------------------
  const insertSection = db.prepare(
    "INSERT INTO guide_section (slug, title, intro_md, intro_html, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertEntry = db.prepare(
    // The curated copy of the message's text is taken from the post, as addEntry does.
    "INSERT INTO guide_entry (section_id, post_id, note_md, note_html, position, created_by, created_at, updated_at, curated_body, curated_body_html, curated_context_line) SELECT ?, ?, ?, ?, ?, ?, ?, ?, body, body_html, context_line FROM post WHERE id = ?",
  );
  const insertLog = db.prepare(
    "INSERT INTO moderation_log (actor_id, action, thread_id, post_id, target_user_id, guide_section_id, reason, summary, created_at) VALUES (?, ?, NULL, ?, NULL, ?, NULL, ?, ?)",
  );
  const best = db
    .prepare(
      "SELECT id FROM post WHERE kind != 'comment' AND hidden_at IS NULL AND deleted_at IS NULL ORDER BY authenticity_rank DESC, id LIMIT 40",
    )
    .all() as { id: number }[];
  let entries = 0;
  db.transaction(() => {
    GUIDE_SECTIONS.forEach((title, s) => {
      const intro = `Messages our moderators picked for **${title.toLowerCase()}**. ${sentence(rand)}\n\n- ${sentence(rand, 4, 8)}\n- Keep it short & specific: "one ask" < three.`;
      const at = now - (60 - s) * DAY;
      const sectionId = Number(
        insertSection.run(
          title.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
          title,
          intro,
          renderMarkdown(intro),
          s + 1,
          at,
          at,
        ).lastInsertRowid,
      );
      for (let k = 0; k < 8; k++) {
        const post = best[s * 8 + k];
        if (!post) break;
        const note = `*Why it works:* ${sentence(rand)} See [the thread](/threads/${BIG_THREAD_SLUG}) & compare.`;
        insertEntry.run(
          sectionId,
          post.id,
          note,
          renderMarkdown(note),
          k + 1,
          moderatorIds[1 + (k % 3)],
          at,
          at,
          post.id,
        );
        insertLog.run(
          moderatorIds[1 + (k % 3)],
          "guide.entry.add",
          post.id,
          sectionId,
          `Added message to the guide section “${title}”.`,
          at,
        );
        entries += 1;
      }
    });
  })();
  log(`guide: ${GUIDE_SECTIONS.length} sections, ${entries} entries`);

  // --- outcomes (issue 19): 60% of approaches; /insights' counts are then built as the app keeps them.
  const outcomes = generateOutcomes(db, rand);
  log(`outcomes: ${outcomes}`);

  db.pragma("wal_checkpoint(TRUNCATE)");
  const big = db.prepare("SELECT id, post_count FROM thread WHERE slug = ?").get(BIG_THREAD_SLUG) as {
    id: number;
    post_count: number;
  };
  const medium = db.prepare("SELECT id, post_count FROM thread WHERE slug = ?").get(MEDIUM_THREAD_SLUG) as {
    id: number;
    post_count: number;
  };
  const totals = db
    .prepare(
      "SELECT (SELECT count(*) FROM thread) AS threads, (SELECT count(*) FROM post) AS posts, (SELECT count(*) FROM user WHERE password_hash IS NOT NULL) AS members",
    )
    .get() as {
    threads: number;
    posts: number;
    members: number;
  };
  db.close();
  const insights = openDatabase(file);
  await rebuildInsights(insights);
  await insights.destroy();
  return {
    file,
    seconds: (Date.now() - started) / 1000,
    members: totals.members,
    threads: totals.threads,
    posts: totals.posts,
    votes: voteTotal,
    voteReasons: reasonTotal,
    guideSections: GUIDE_SECTIONS.length,
    guideEntries: entries,
    bigThread: { id: big.id, slug: BIG_THREAD_SLUG, posts: big.post_count },
    mediumThread: { id: medium.id, slug: MEDIUM_THREAD_SLUG, posts: medium.post_count },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv[2] ?? "data/bench.db";
  const seedArg = process.argv[3] ? Number(process.argv[3]) : undefined;
  const result = await generateDatabase(file, { seed: seedArg, log: (line) => console.log(line) });
  console.log(JSON.stringify(result, null, 2));
}
