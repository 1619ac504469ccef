/**
 * Issue 18 (decision 0017): the phrases the community's votes mark, for the draft workshop.
 * Derived data, recomputed in the background from votes and messages (never per request);
 * kept in a table so every server process reads the same figures and the workshop's answer
 * is one indexed lookup. Only phrases that passed the thresholds are stored.
 */
import type { Kysely } from "kysely";
import { float8 } from "../dialect/column-types";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("workshop_phrase")
    .addColumn("phrase", "text", (c) => c.primaryKey())
    .addColumn("messages", "integer", (c) => c.notNull())
    .addColumn("voters", "integer", (c) => c.notNull())
    .addColumn("not_authentic_votes", "integer", (c) => c.notNull())
    .addColumn("authentic_votes", "integer", (c) => c.notNull())
    .addColumn("z", float8(db), (c) => c.notNull())
    // "invasive:12,pushy:3": the reasons given against messages with the phrase, most given first.
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("computed_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("workshop_phrase").execute();
}
