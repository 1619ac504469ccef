/**
 * Issue 19 (decision 0018): what came of an approach, and the aggregates /insights reads.
 *
 * `outcome` holds one row per approach whose author recorded what came of it.
 * `insight_cell` holds the counts the charts show, kept in the transactions that change them;
 * `insight_contribution` remembers which cells each post is counted in, so a change to the post
 * takes exactly its old counts out and puts its new ones in (see app/models/insight-aggregates.server.ts).
 */
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outcome")
    .addColumn("post_id", "integer", (c) => c.primaryKey().references("post.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('no_answer_yet', 'no_answer', 'declined', 'replied', 'conversation', 'met')`),
    )
    .addColumn("follow_up", "integer", (c) => c.notNull().check(sql`follow_up between 0 and 3`))
    .addColumn("happened_at", "bigint", (c) => c.notNull())
    .addColumn("recorded_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("insight_cell")
    .addColumn("chart", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("messages", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("insight_cell_pk", ["chart", "key", "outcome"])
    .execute();

  await db.schema
    .createTable("insight_contribution")
    .addColumn("post_id", "integer", (c) => c.primaryKey().references("post.id").onDelete("cascade"))
    /** The cells this post is counted in, as a JSON array of "chart|key|outcome". */
    .addColumn("cells", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("insight_contribution").execute();
  await db.schema.dropTable("insight_cell").execute();
  await db.schema.dropTable("outcome").execute();
}
