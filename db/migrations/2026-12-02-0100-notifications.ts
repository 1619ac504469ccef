/**
 * Issue 14 (decision 0013): coming back. Notifications, each member's place in each thread (last
 * post seen, following or muted), which notifications a member wants, and the author's consent to
 * the guide.
 *
 * - `notification`: one row per thing to tell a member. `post_id` is the recipient's post it is about
 *   (the page groups by it), `source_post_id` the post that caused it (a reply, a mention, the first new
 *   message of a followed thread); `count` is the milestone's vote count or the number of new messages a
 *   batched "followed thread" row stands for. `emailed_at` belongs to the e-mail sender (issue 15).
 * - `thread_reader`: per member and thread, the last post number they were shown and whether they follow
 *   or mute it; one row serves the unread markers and the "followed" mark on `/` in one join.
 * - `notification_setting`: per member and family of kinds (see NOTIFICATION_FAMILIES), in the app or not,
 *   and by e-mail (off, at once, daily); no row means the defaults (in the app, no e-mail).
 * - `post.guide_consent` ('agreed', 'withdrawn' or null for "did not object") and `guide_entry.withdrawn_at`.
 */
import { sql, type Kysely } from "kysely";
import { autoIncrementId } from "../dialect/column-types";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("thread_id", "integer", (c) => c.references("thread.id").onDelete("cascade"))
    .addColumn("post_id", "integer", (c) => c.references("post.id").onDelete("cascade"))
    .addColumn("source_post_id", "integer", (c) => c.references("post.id").onDelete("cascade"))
    .addColumn("detail", "text")
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("read_at", "bigint")
    .addColumn("emailed_at", "bigint")
    .execute();
  // The page lists a member's notifications newest first.
  await db.schema.createIndex("notification_user").on("notification").columns(["user_id", "updated_at"]).execute();
  // The header's count reads only the unread ones: a partial index holds just those.
  await db.schema
    .createIndex("notification_unread")
    .on("notification")
    .columns(["user_id", "kind"])
    .where(sql.ref("read_at"), "is", null)
    .execute();
  // Milestones already sent, and cascades from deleted posts.
  await db.schema.createIndex("notification_post").on("notification").columns(["post_id", "kind"]).execute();
  await db.schema.createIndex("notification_source_post").on("notification").column("source_post_id").execute();
  await db.schema.createIndex("notification_actor").on("notification").column("actor_id").execute();

  await db.schema
    .createTable("thread_reader")
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("thread_id", "integer", (c) => c.notNull().references("thread.id").onDelete("cascade"))
    .addColumn("last_read_number", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("level", "text", (c) =>
      c
        .notNull()
        .defaultTo("normal")
        .check(sql`level in ('normal', 'following', 'muted')`),
    )
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("thread_reader_pk", ["user_id", "thread_id"])
    .execute();
  // "Who follows this thread?" when a new example message arrives.
  await db.schema.createIndex("thread_reader_thread").on("thread_reader").columns(["thread_id", "level"]).execute();

  await db.schema
    .createTable("notification_setting")
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("family", "text", (c) =>
      c.notNull().check(sql`family in ('replies_mentions', 'guide_moderation', 'followed_threads')`),
    )
    .addColumn("in_app", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("email", "text", (c) =>
      c
        .notNull()
        .defaultTo("off")
        .check(sql`email in ('off', 'instant', 'daily')`),
    )
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_setting_pk", ["user_id", "family"])
    .execute();

  await db.schema
    .alterTable("post")
    .addColumn("guide_consent", "text", (c) => c.check(sql`guide_consent in ('agreed', 'withdrawn')`))
    .execute();
  await db.schema.alterTable("guide_entry").addColumn("withdrawn_at", "bigint").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("guide_entry").dropColumn("withdrawn_at").execute();
  await db.schema.alterTable("post").dropColumn("guide_consent").execute();
  await db.schema.dropTable("notification_setting").execute();
  await db.schema.dropTable("thread_reader").execute();
  await db.schema.dropTable("notification").execute();
}
