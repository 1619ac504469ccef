import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely, type Migration } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/database";
import { migrateOrThrow, migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations/index";
import { seed } from "../../db/seed";
import { seedThreads } from "../../db/seed-threads";
import { onPostgres, onTestServer, postgresDatabaseUrl } from "../setup/test-database";

let emptyCount = 0;

/** A database with no tables: a new SQLite file, or a new PostgreSQL database beside this file's own. */
async function emptyDatabase() {
  if (onPostgres) {
    const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_empty${++emptyCount}`;
    await onTestServer(`create database ${name}`);
    return openDatabase(postgresDatabaseUrl(name));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bh-migrate-"));
  return openDatabase(path.join(dir, "db.sqlite"));
}

async function tableNames(db: Kysely<any>) {
  const rows = onPostgres
    ? await sql<{
        name: string;
      }>`select tablename as name from pg_tables where schemaname = 'public' order by name`.execute(db)
    : await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

describe("migrations", () => {
  it("build every table from an empty database, with SQLite's safety settings on", async () => {
    const db = await emptyDatabase();
    const applied = await migrateOrThrow(db);
    expect(applied).toEqual(Object.keys(migrations));
    expect(await tableNames(db)).toEqual(
      expect.arrayContaining([
        "user",
        "session",
        "thread",
        "post",
        "post_revision",
        "vote",
        "vote_reason",
        "flag",
        "guide_section",
        "guide_entry",
        "moderation_log",
        "rate_limit",
      ]),
    );
    if (!onPostgres) {
      // SQLite's per-connection settings; PostgreSQL has no equivalent to check (its defaults are these).
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
      await expect(pragma("journal_mode")).resolves.toBe("wal");
      await expect(pragma("foreign_keys")).resolves.toBe(1);
      await expect(pragma("busy_timeout")).resolves.toBe(5000);
    }
    expect(await migrateOrThrow(db)).toEqual([]); // a second run has nothing to do
    await db.destroy();
  });

  it("roll a failing migration back whole, leaving the database as it was", async () => {
    const db = await emptyDatabase();
    await migrateOrThrow(db);
    const broken: Migration = {
      async up(trx) {
        await trx.schema.createTable("half_done").addColumn("id", "integer").execute();
        await sql`insert into no_such_table values (1)`.execute(trx);
      },
    };
    const result = await migrateToLatest(db, { ...migrations, "2999-01-01-broken": broken });
    expect(result.error).toBeDefined();
    expect(await tableNames(db)).not.toContain("half_done");
    const recorded = await (db as Kysely<any>).selectFrom("kysely_migration").select("name").execute();
    expect(recorded.map((r: { name: string }) => r.name)).toEqual(Object.keys(migrations));
    await db.destroy();
  });

  it("enforce the data's rules: one vote per member per post, known kinds only", async () => {
    const db = await emptyDatabase();
    await migrateOrThrow(db);
    await seed(db);
    const now = Date.now();
    const user = await db
      .insertInto("user")
      .values({ username: "a", username_key: "a", password_hash: null, created_at: now, deleted_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    // A thread with no post yet (unordered, PostgreSQL may return any thread first).
    const thread = await db
      .selectFrom("thread")
      .select("id")
      .where("post_count", "=", 0)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const post = { thread_id: thread.id, author_id: user.id, body: "x", body_html: "x", created_at: now };
    await expect(
      db
        .insertInto("post")
        .values({ ...post, number: 1, kind: "essay" as never })
        .execute(),
    ).rejects.toThrow(/CHECK/i);
    const { id } = await db
      .insertInto("post")
      .values({ ...post, number: 1, kind: "approach" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const vote = { post_id: id, user_id: user.id, value: "authentic" as const, created_at: now, updated_at: now };
    await db.insertInto("vote").values(vote).execute();
    await expect(db.insertInto("vote").values(vote).execute()).rejects.toThrow(/UNIQUE|PRIMARY/i);
    await expect(
      db
        .insertInto("post")
        .values({ ...post, number: 1, kind: "comment" })
        .execute(),
    ).rejects.toThrow(/UNIQUE/i);
    await expect(
      db
        .insertInto("vote")
        .values({ ...vote, user_id: 999 })
        .execute(),
    ).rejects.toThrow(/FOREIGN KEY/i);
    await db.destroy();
  });
});

describe("seed", () => {
  it("opens the article's eight prompt threads, each quoting its passage", async () => {
    const db = await emptyDatabase();
    await migrateOrThrow(db);
    expect(await seed(db)).toEqual({ threadsAdded: 8, examplesAdded: 7 });
    const threads = await db.selectFrom("thread").selectAll().orderBy("id").execute();
    expect(threads).toHaveLength(8);
    expect(threads.map((t) => t.slug)).toEqual(seedThreads.map((t) => t.slug));
    for (const thread of threads) {
      expect(thread.context_html).toContain("<blockquote>");
      expect(thread.context_html).toContain("Connecting with People");
    }
    await db.destroy();
  });

  it("posts the article's messages through the anonymiser, under an account nobody can sign in as", async () => {
    const db = await emptyDatabase();
    await migrateOrThrow(db);
    await seed(db);
    const author = await db
      .selectFrom("user")
      .selectAll()
      .where("username", "=", "from_the_article")
      .executeTakeFirstOrThrow();
    expect(author.password_hash).toBeNull();
    const posts = await db
      .selectFrom("post")
      .innerJoin("thread", "thread.id", "post.thread_id")
      .select(["post.kind", "post.body", "post.author_id", "thread.slug"])
      .execute();
    expect(posts).toHaveLength(7);
    expect(posts.every((p) => p.author_id === author.id)).toBe(true);
    const reply = posts.find((p) => p.kind === "received_reply")!;
    expect(reply.slug).toBe("did-i-handle-it-well");
    expect(reply.body).toMatch(/^\[name\] - I haven't responded/);
    expect(reply.body).not.toMatch(/\bBob\b/);
    expect(reply.body).toContain("To be frank");
    expect(posts.filter((p) => p.kind === "approach").map((p) => p.slug)).toEqual(
      expect.arrayContaining([
        "the-opener",
        "following-up",
        "authentic-or-spam",
        "why-did-you-accept",
        "meeting-in-person",
      ]),
    );
    const thread = await db
      .selectFrom("thread")
      .selectAll()
      .where("slug", "=", "did-i-handle-it-well")
      .executeTakeFirstOrThrow();
    expect(thread.post_count).toBe(2);
    await db.destroy();
  });

  it("is idempotent and never overwrites what a moderator edited", async () => {
    const db = await emptyDatabase();
    await migrateOrThrow(db);
    await seed(db);
    await db
      .updateTable("thread")
      .set({ title: "Renamed by a moderator", slug: "renamed" })
      .where("seed_key", "=", "article-opener")
      .execute();
    const before = await db.selectFrom("thread").selectAll().orderBy("id").execute();
    expect(await seed(db)).toEqual({ threadsAdded: 0, examplesAdded: 0 });
    expect(await db.selectFrom("thread").selectAll().orderBy("id").execute()).toEqual(before);
    await db.destroy();
  });
});
