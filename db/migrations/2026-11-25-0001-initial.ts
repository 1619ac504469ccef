/**
 * The whole product's schema, designed up front so later features fill it in
 * rather than reshape it. Frozen: change the schema with a new migration.
 * (The two column helpers write the same SQL on SQLite as before; they spell
 * what PostgreSQL writes differently, see db/dialect/column-types.ts.)
 */
import { sql, type Kysely } from "kysely";
import { autoIncrementId, float8 } from "../dialect/column-types";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("username_key", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text")
    .addColumn("role", "text", (c) =>
      c
        .notNull()
        .defaultTo("member")
        .check(sql`role in ('member', 'moderator', 'admin')`),
    )
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("deleted_at", "bigint")
    .execute();

  await db.schema
    .createTable("session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("session_user_id").on("session").column("user_id").execute();

  await db.schema
    .createTable("thread")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("prompt", "text", (c) => c.notNull())
    .addColumn("context_md", "text", (c) => c.notNull())
    .addColumn("context_html", "text", (c) => c.notNull())
    .addColumn("seed_key", "text", (c) => c.unique())
    .addColumn("created_by", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("locked_at", "bigint")
    .addColumn("post_count", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`post_count >= 0`),
    )
    .addColumn("last_post_number", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_activity_at", "bigint")
    .execute();
  // The home page orders by activity, prompts without posts last.
  await db.schema.createIndex("thread_last_activity").on("thread").columns(["last_activity_at", "id"]).execute();

  await db.schema
    .createTable("post")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("thread_id", "integer", (c) => c.notNull().references("thread.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull().check(sql`number >= 1`))
    .addColumn("author_id", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('comment', 'approach', 'received_reply')`))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("context_line", "text")
    .addColumn("reply_to_id", "integer", (c) => c.references("post.id").onDelete("set null"))
    .addColumn("approach_id", "integer", (c) => c.references("post.id").onDelete("set null"))
    .addColumn("reply_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("edited_at", "bigint")
    .addColumn("revision_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("deleted_at", "bigint")
    .addColumn("hidden_at", "bigint")
    .addColumn("hidden_by", "integer", (c) => c.references("user.id"))
    .addColumn("hidden_reason", "text")
    .addColumn("review_pending_at", "bigint")
    .addColumn("authentic_count", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`authentic_count >= 0`),
    )
    .addColumn("not_authentic_count", "integer", (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`not_authentic_count >= 0`),
    )
    .addColumn("authenticity_rank", float8(db), (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("post_thread_number", ["thread_id", "number"])
    .addCheckConstraint("post_approach_only_on_replies", sql`approach_id is null or kind = 'received_reply'`)
    .execute();
  // Paging a thread reads a range of numbers through the unique (thread_id, number) index.
  await db.schema.createIndex("post_author").on("post").columns(["author_id", "id"]).execute();
  await db.schema.createIndex("post_reply_to").on("post").column("reply_to_id").execute();
  await db.schema
    .createIndex("post_thread_kind_rank")
    .on("post")
    .columns(["thread_id", "kind", "authenticity_rank"])
    .execute();
  await db.schema.createIndex("post_review_pending").on("post").column("review_pending_at").execute();

  await db.schema
    .createTable("post_revision")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("post_id", "integer", (c) => c.notNull().references("post.id").onDelete("cascade"))
    .addColumn("editor_id", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    .addColumn("context_line", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("post_revision_post").on("post_revision").columns(["post_id", "id"]).execute();

  await db.schema
    .createTable("vote")
    .addColumn("post_id", "integer", (c) => c.notNull().references("post.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("value", "text", (c) => c.notNull().check(sql`value in ('authentic', 'not_authentic')`))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("vote_pk", ["post_id", "user_id"])
    .execute();
  await db.schema.createIndex("vote_user").on("vote").columns(["user_id", "post_id"]).execute();

  await db.schema
    .createTable("vote_reason")
    .addColumn("post_id", "integer", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull())
    .addColumn("reason", "text", (c) =>
      c.notNull().check(sql`reason in ('invasive', 'templated', 'pushy', 'entitled', 'other')`),
    )
    .addPrimaryKeyConstraint("vote_reason_pk", ["post_id", "user_id", "reason"])
    .addForeignKeyConstraint("vote_reason_vote", ["post_id", "user_id"], "vote", ["post_id", "user_id"], (c) =>
      c.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("flag")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("post_id", "integer", (c) => c.notNull().references("post.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) =>
      c.notNull().check(sql`reason in ('not_anonymised', 'spam', 'abusive', 'off_topic')`),
    )
    .addColumn("note", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("resolved_at", "bigint")
    .addColumn("resolved_by", "integer", (c) => c.references("user.id"))
    .addColumn("resolution", "text", (c) => c.check(sql`resolution in ('hidden', 'restored', 'dismissed')`))
    .addUniqueConstraint("flag_once_per_member", ["post_id", "user_id"])
    .execute();
  await db.schema.createIndex("flag_open").on("flag").columns(["resolved_at", "post_id"]).execute();

  await db.schema
    .createTable("guide_section")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("intro_md", "text", (c) => c.notNull())
    .addColumn("intro_html", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("guide_entry")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("section_id", "integer", (c) => c.notNull().references("guide_section.id").onDelete("cascade"))
    .addColumn("post_id", "integer", (c) => c.notNull().unique().references("post.id").onDelete("cascade"))
    .addColumn("note_md", "text", (c) => c.notNull())
    .addColumn("note_html", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("guide_entry_section").on("guide_entry").columns(["section_id", "position"]).execute();

  await db.schema
    .createTable("moderation_log")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("actor_id", "integer", (c) => c.notNull().references("user.id"))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("thread_id", "integer", (c) => c.references("thread.id").onDelete("set null"))
    .addColumn("post_id", "integer", (c) => c.references("post.id").onDelete("set null"))
    .addColumn("target_user_id", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("guide_section_id", "integer", (c) => c.references("guide_section.id").onDelete("set null"))
    .addColumn("reason", "text")
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("moderation_log_action").on("moderation_log").columns(["action", "id"]).execute();

  await db.schema
    .createTable("rate_limit")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("points", "integer", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "rate_limit",
    "moderation_log",
    "guide_entry",
    "guide_section",
    "flag",
    "vote_reason",
    "vote",
    "post_revision",
    "post",
    "thread",
    "session",
    "user",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
