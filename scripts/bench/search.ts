/**
 * The search rows of `npm run bench` (issue 16): the benchmark forum grown to 100,000 posts by a bulk
 * insert, the index rebuilt (`db:reindex`'s code), then four queries — a common word, a rare word, a
 * phrase and a filter — each timed as CPU (user + system) of one `searchForum` call in this process,
 * which is the search page's own work on the server (its HTML around the results is the floor
 * scenario's). Prints p50/p99 against the targets (5 ms / 25 ms) and the index's share of the file.
 *
 * Alone: `node --import tsx scripts/bench/search.ts [forum.db]` (generates the forum when none is given).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { searchForum } from "../../app/models/search.server";
import { parseSearchQuery } from "../../app/utils/search-query";
import { openDatabase, openSqlite } from "../../db/database";
import { rebuildSearchIndex } from "../../db/search-documents";
import { generateDatabase } from "../../tests/bench/generate";

export const SEARCH_POSTS = 100_000;
const SAMPLES = Number(process.env.BENCH_SEARCH_SAMPLES ?? 400);
const RARE_WORDS = 5_000; // each made-up word lands in about SEARCH_POSTS / RARE_WORDS posts

/** A made-up word per copy, so that a rare word is found in ~20 posts, not in none or all. */
const rareWord = (i: number) => `zq${(i % RARE_WORDS).toString(36)}x`;

/** Copies the forum's posts into one more thread until there are SEARCH_POSTS, each with a rare word. */
function growForum(file: string): number {
  const db = openSqlite(file);
  db.pragma("synchronous = OFF");
  db.function("rare_word", (i: number) => rareWord(Number(i)));
  const count = () => (db.prepare("SELECT count(*) AS n FROM post").get() as { n: number }).n;
  const admin = db.prepare("SELECT id FROM user WHERE role = 'admin' LIMIT 1").get() as { id: number };
  const now = Date.now();
  const thread = db
    .prepare(
      "INSERT INTO thread (slug, title, prompt, context_md, context_html, created_by, created_at, updated_at) VALUES ('bench-search-grown', 'Grown for search', 'Copies', '', '', ?, ?, ?)",
    )
    .run(admin.id, now, now).lastInsertRowid;
  const source = count();
  let number = 0;
  db.transaction(() => {
    while (count() < SEARCH_POSTS) {
      const take = Math.min(source, SEARCH_POSTS - count());
      db.prepare(
        `INSERT INTO post (thread_id, number, author_id, kind, body, body_html, context_line, created_at)
         SELECT ?, ? + row_number() OVER (ORDER BY id), author_id, kind,
                body || ' ' || rare_word(? + row_number() OVER (ORDER BY id)), body_html, context_line, created_at + 1
         FROM post WHERE deleted_at IS NULL AND thread_id <> ? ORDER BY id LIMIT ?`,
      ).run(thread, number, number, thread, take);
      number += take;
    }
  })();
  const posts = count();
  db.close();
  return posts;
}

/** Bytes of the search index's tables and indexes (dbstat), and of the whole database. */
function sizes(file: string): { index: number; total: number } {
  const db = openSqlite(file);
  db.exec("VACUUM");
  const rows = db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name").all() as {
    name: string;
    bytes: number;
  }[];
  db.close();
  const index = rows.filter((r) => r.name.startsWith("search_")).reduce((s, r) => s + r.bytes, 0);
  return { index, total: rows.reduce((s, r) => s + r.bytes, 0) };
}

const QUERIES: { key: string; q: string }[] = [
  { key: "search-common-word", q: "coffee" },
  { key: "search-rare-word", q: rareWord(1234) },
  { key: "search-phrase", q: '"coffee question"' },
  { key: "search-filter", q: "kind:approach conference" },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export async function benchSearch(forumFile: string): Promise<void> {
  const file = path.join(path.dirname(forumFile), "search.db");
  fs.copyFileSync(forumFile, file);
  for (const suffix of ["-wal", "-shm"])
    if (fs.existsSync(forumFile + suffix)) fs.copyFileSync(forumFile + suffix, file + suffix);
  let started = performance.now();
  const posts = growForum(file);
  const grownMs = performance.now() - started;
  const db = openDatabase(file);
  started = performance.now();
  const { documents } = await db.transaction().execute((trx) => rebuildSearchIndex(trx));
  const indexedMs = performance.now() - started;
  await db.destroy();
  const { index, total } = sizes(file);

  const search = openDatabase(file);
  console.log(
    `\nsearch: ${posts.toLocaleString("en")} posts (grown in ${(grownMs / 1000).toFixed(1)} s), ${documents.toLocaleString("en")} documents indexed in ${(indexedMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `search index: ${(index / 1024 ** 2).toFixed(1)} MB of ${(total / 1024 ** 2).toFixed(1)} MB = +${((100 * index) / (total - index)).toFixed(0)}% on the database without it (target ≤ 60%): ${index / (total - index) <= 0.6 ? "PASS" : "FAIL"}`,
  );
  console.log("scenario               results     p50 ms   p99 ms   target (5 / 25 ms CPU)");
  for (const { key, q } of QUERIES) {
    const query = parseSearchQuery(q);
    const run = () => searchForum(search, { query, viewer: null, includeHidden: false, page: 1 });
    for (let i = 0; i < 20; i++) await run(); // warm the page cache and the statements
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const before = cpuMs();
      count = (await run()).count;
      times.push(cpuMs() - before);
    }
    times.sort((a, b) => a - b);
    const [p50, p99] = [percentile(times, 50), percentile(times, 99)];
    console.log(
      `${key.padEnd(22)} ${String(count).padStart(7)} ${p50.toFixed(2).padStart(10)} ${p99.toFixed(2).padStart(8)}   ${p50 <= 5 && p99 <= 25 ? "PASS" : "FAIL"}  (${q})`,
    );
  }
  await search.destroy();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const given = process.argv[2];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beyond-hello-search-"));
  const forum = given ?? path.join(dir, "forum.db");
  if (!given) await generateDatabase(forum);
  await benchSearch(forum);
  fs.rmSync(dir, { recursive: true, force: true });
}
