/**
 * Issue 15 (decision 0014): a member's verified e-mail address, the single-use
 * links that verify an address or reset a password (stored as SHA-256 only),
 * the queue of outgoing notification e-mails, and the site's signing secret
 * (for unsubscribe links, the same in every server process).
 *
 * Only verified addresses live in `member_email`, so "unique among verified
 * addresses, case-insensitively" is a plain unique index on the lower-cased key;
 * an address waiting for verification lives in its link's row.
 */
import { sql, type Kysely } from "kysely";
import { autoIncrementId } from "../dialect/column-types";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("member_email")
    .addColumn("user_id", "integer", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("address_key", "text", (c) => c.notNull().unique())
    .addColumn("verified_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("email_token")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull().check(sql`purpose in ('verify', 'reset')`))
    .addColumn("address", "text")
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("email_token_user").on("email_token").columns(["user_id", "purpose"]).execute();

  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "integer", autoIncrementId(db))
    .addColumn("user_id", "integer", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    // "never twice for one notification": a second enqueue of the same key does nothing.
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'sending', 'sent', 'failed', 'skipped')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
    .addColumn("claimed_at", "bigint")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("sent_at", "bigint")
    .execute();
  await db.schema.createIndex("mail_outbox_due").on("mail_outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("mail_outbox_user").on("mail_outbox").column("user_id").execute();

  await db.schema
    .createTable("site_secret")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("site_secret").execute();
  await db.schema.dropTable("mail_outbox").execute();
  await db.schema.dropTable("email_token").execute();
  await db.schema.dropTable("member_email").execute();
}
