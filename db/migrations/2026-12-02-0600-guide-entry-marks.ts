/**
 * Issue 17 (decision 0016): each guide entry is marked "do" (an example to follow) or "avoid" (an
 * example of what not to send).
 *
 * A column-level CHECK, so SQLite can drop the column again in `down` (it refuses to drop a column
 * named in a table-level constraint). Entries curated before this migration get a mark from their
 * message's votes: "avoid" when more members felt it was not authentic than felt it was, "do"
 * otherwise, ties and unvoted messages included (the guide was curated as best practice).
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("guide_entry")
    .addColumn("mark", "text", (c) =>
      c
        .notNull()
        .defaultTo("do")
        .check(sql`mark in ('do', 'avoid')`),
    )
    .execute();
  await db
    .updateTable("guide_entry")
    .set({ mark: "avoid" })
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("post")
          .select("post.id")
          .whereRef("post.id", "=", "guide_entry.post_id")
          .whereRef("post.not_authentic_count", ">", "post.authentic_count"),
      ),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("guide_entry").dropColumn("mark").execute();
}
