/**
 * npm run db:copy: a forum copied from SQLite to the run's engine (PostgreSQL
 * on the PostgreSQL pass) and back to SQLite comes back row for row; the copy
 * takes new rows after the copied ids; a target with rows is refused.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { flagPost } from "../../app/models/flag.server";
import { addComment } from "../../app/models/post.server";
import { createUser } from "../../app/models/user.server";
import { castVote } from "../../app/models/vote.server";
import { COPY_ORDER } from "../../db/copy";
import { openDatabase } from "../../db/database";
import { migrateOrThrow } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { seed } from "../../db/seed";
import { onPostgres, onTestServer, postgresDatabaseUrl } from "../setup/test-database";

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "bh-copy-"));
const file = (name: string) => path.join(folder, name);

function copy(from: string, to: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ["--import", "tsx", "scripts/db-copy.ts", from, to], (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/** Every table's rows, sorted, as text: equal for two databases holding the same forum. */
async function contents(location: string): Promise<Record<string, string[]>> {
  const db = openDatabase(location);
  const all: Record<string, string[]> = {};
  for (const [table] of COPY_ORDER)
    all[table] = (await sql.raw(`select * from "${table}"`).execute(db)).rows.map((r) => JSON.stringify(r)).sort();
  await db.destroy();
  return all;
}

async function sourceForum(): Promise<string> {
  const location = file("source.db");
  const db: Kysely<Database> = openDatabase(location);
  await migrateOrThrow(db);
  await seed(db);
  const ana = await createUser(db, { username: "ana", password: "a long enough password" });
  const ben = await createUser(db, { username: "ben", password: "a long enough password" });
  const example = await db.selectFrom("post").select("id").where("kind", "=", "approach").executeTakeFirstOrThrow();
  await castVote(db, { postId: example.id, userId: ana.id, choice: { value: "not_authentic", reasons: ["pushy"] } });
  await castVote(db, { postId: example.id, userId: ben.id, choice: { value: "authentic" } });
  const thread = await db.selectFrom("thread").select("id").orderBy("id").executeTakeFirstOrThrow();
  const comment = await addComment(db, { threadId: thread.id, authorId: ana.id, body: "A reply with **weight** 0.1" });
  await addComment(db, { threadId: thread.id, authorId: ben.id, body: "Answering", replyToId: comment.id });
  await flagPost(db, { postId: example.id, userId: ben.id, reason: "spam", note: "n\u00e9 \u2014 ok" });
  await db.destroy();
  return location;
}

describe("npm run db:copy", () => {
  it("copies SQLite to the run's engine and back, row for row, and the copy numbers new rows after the copied ones", async () => {
    const source = await sourceForum();
    let middle = file("middle.db");
    if (onPostgres) {
      const name = `${new URL(process.env.DATABASE_URL!).pathname.slice(1)}_copy`;
      await onTestServer(`create database ${name}`);
      middle = postgresDatabaseUrl(name);
    }
    const there = await copy(source, middle);
    expect(there.stderr).toBe("");
    expect(there.stdout).toMatch(/^vote\s+2 rows, 2 compared field by field$/m);
    expect(there.code).toBe(0);
    const back = await copy(middle, file("back.db"));
    expect(back.code).toBe(0);
    expect(await contents(file("back.db"))).toEqual(await contents(source));

    const db = openDatabase(middle);
    const before = await db
      .selectFrom("user")
      .select((eb) => eb.fn.max("id").as("id"))
      .executeTakeFirstOrThrow();
    const carla = await createUser(db, { username: "carla", password: "a long enough password" });
    await db.destroy();
    expect(carla.id).toBe(Number(before.id) + 1);
  });

  it("refuses a target that already holds a forum", async () => {
    const source = fs.existsSync(file("source.db")) ? file("source.db") : await sourceForum();
    expect((await copy(source, file("twice.db"))).code).toBe(0);
    const again = await copy(source, file("twice.db"));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has rows in "user"/);
  });
});
