/**
 * Issue 12 (decision 0009): flags say which words identify someone and can be
 * withdrawn; a guide entry keeps the text the moderator curated, so an edit of
 * the message does not change the guide under the moderator's note.
 *
 * A withdrawn flag gets its own column rather than a fourth `resolution`: the
 * resolution's CHECK constraint would need the table rebuilt in SQLite, and a
 * withdrawal is the flagger's act, not a moderator's ruling.
 */
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("flag").addColumn("identifying_words", "text").execute();
  await db.schema.alterTable("flag").addColumn("withdrawn_at", "bigint").execute();
  await db.schema.alterTable("flag").addColumn("withheld_at", "bigint").execute();
  // "Has this member had flags dismissed lately?" is asked on every flag they send.
  await db.schema.createIndex("flag_user").on("flag").columns(["user_id", "resolved_at"]).execute();

  await db.schema
    .alterTable("guide_entry")
    .addColumn("curated_body", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .alterTable("guide_entry")
    .addColumn("curated_body_html", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.alterTable("guide_entry").addColumn("curated_context_line", "text").execute();
  // Entries curated before this migration were curated as the message reads now.
  const post = (column: string) => db.selectFrom("post").select(column).whereRef("post.id", "=", "guide_entry.post_id");
  await db
    .updateTable("guide_entry")
    .set({
      curated_body: post("body"),
      curated_body_html: post("body_html"),
      curated_context_line: post("context_line"),
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("guide_entry").dropColumn("curated_context_line").execute();
  await db.schema.alterTable("guide_entry").dropColumn("curated_body_html").execute();
  await db.schema.alterTable("guide_entry").dropColumn("curated_body").execute();
  await db.schema.dropIndex("flag_user").execute();
  await db.schema.alterTable("flag").dropColumn("withheld_at").execute();
  await db.schema.alterTable("flag").dropColumn("withdrawn_at").execute();
  await db.schema.alterTable("flag").dropColumn("identifying_words").execute();
}
