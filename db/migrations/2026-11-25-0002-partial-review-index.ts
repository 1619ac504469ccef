/**
 * The index on post.review_pending_at covered every post, nearly all of them
 * NULL, and tempted SQLite into scanning it for "is null" conditions (the
 * guide's query read all posts to find forty). Only the few withheld posts
 * need finding by it, so it becomes a partial index of just those.
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("post_review_pending").execute();
  await db.schema
    .createIndex("post_review_pending")
    .on("post")
    .column("review_pending_at")
    .where(sql.ref("review_pending_at"), "is not", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("post_review_pending").execute();
  await db.schema.createIndex("post_review_pending").on("post").column("review_pending_at").execute();
}
