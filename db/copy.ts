/**
 * Copies a whole forum from one database to another, SQLite or PostgreSQL
 * either way (`npm run db:copy`). The target is migrated first and must hold
 * no rows; everything is written in one transaction, ids kept, then checked:
 * every table's count, and a sample of rows compared field by field.
 */
import { sql, type Kysely } from "kysely";
import { engineOf } from "./dialect/engine";
import { isSearchIndexTable } from "./dialect/search-index";
import { refreshPlannerStatistics } from "./dialect/statistics";
import { migrateOrThrow } from "./migrate";
import { migrations } from "./migrations/index";
import { rebuildSearchIndex } from "./search-documents";

/** Every table, parents before children (foreign keys), with the columns that name a row. */
export const COPY_ORDER: [table: string, key: string[]][] = [
  ["user", ["id"]],
  ["session", ["id"]],
  ["thread", ["id"]],
  ["post", ["id"]],
  ["post_revision", ["id"]],
  ["vote", ["post_id", "user_id"]],
  ["vote_reason", ["post_id", "user_id", "reason"]],
  ["flag", ["id"]],
  ["guide_section", ["id"]],
  ["guide_entry", ["id"]],
  ["moderation_log", ["id"]],
  ["rate_limit", ["key"]],
  ["notification", ["id"]],
  ["thread_reader", ["user_id", "thread_id"]],
  ["notification_setting", ["user_id", "family"]],
  ["member_email", ["user_id"]],
  ["email_token", ["id"]],
  ["mail_outbox", ["id"]],
  ["site_secret", ["name"]],
  ["outcome", ["post_id"]],
  ["insight_cell", ["chart", "key", "outcome"]],
  ["insight_contribution", ["post_id"]],
  ["workshop_phrase", ["phrase"]],
];

const BATCH = 500;
const SAMPLE = 25;

export interface CopyReport {
  tables: { table: string; rows: number; sampled: number }[];
}

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables.map((t) => t.name).filter((name) => !name.startsWith("kysely_"));
}

async function count(db: Kysely<any>, table: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function copyDatabase(from: Kysely<any>, to: Kysely<any>): Promise<CopyReport> {
  const applied = await from.selectFrom("kysely_migration").select("name").orderBy("name").execute();
  const latest = Object.keys(migrations);
  if (applied.map((r: { name: string }) => r.name).join() !== latest.join())
    throw new Error("The source is not at the latest migration: run npm run db:migrate on it first.");
  await migrateOrThrow(to);

  const known = COPY_ORDER.map(([table]) => table);
  for (const db of [from, to])
    for (const name of await tableNames(db))
      if (!known.includes(name) && !isSearchIndexTable(name))
        throw new Error(`db/copy.ts does not know the table "${name}": add it to COPY_ORDER.`);
  for (const table of known)
    if ((await count(to, table)) > 0)
      throw new Error(`The target already has rows in "${table}": copy into a new, empty database.`);

  await to.transaction().execute(async (trx) => {
    for (const [table, key] of COPY_ORDER) {
      // Keyset pages in key order, so a post comes after the earlier posts it answers.
      let last: Record<string, unknown> | null = null;
      for (;;) {
        let page = from.selectFrom(table).selectAll();
        const after = last;
        if (after) {
          const columns = sql.join(key.map((k) => sql.ref(k)));
          page = page.where(sql<boolean>`(${columns}) > (${sql.join(key.map((k) => after[k]))})`);
        }
        const rows = await key
          .reduce((q, k) => q.orderBy(k), page)
          .limit(BATCH)
          .execute();
        if (rows.length === 0) break;
        await trx.insertInto(table).values(rows).execute();
        last = rows.at(-1)!;
      }
    }
    // The search index is derived from the rows just copied (each engine stores it its own way): built, not copied.
    await rebuildSearchIndex(trx);
    // PostgreSQL's identity columns count on by themselves only for rows they numbered: start after the copied ids.
    if (engineOf(trx) === "postgres") {
      const identities = await sql<{ table_name: string }>`
        select table_name from information_schema.columns
        where table_schema = current_schema() and column_name = 'id' and is_identity = 'YES'`.execute(trx);
      for (const { table_name: table } of identities.rows)
        await sql`select setval(pg_get_serial_sequence(${`"${table}"`}, 'id'), coalesce(max(id), 0) + 1, false)
                  from ${sql.table(table)}`.execute(trx);
    }
  });

  const report: CopyReport = { tables: [] };
  for (const [table, key] of COPY_ORDER) {
    const rows = await count(from, table);
    const copied = await count(to, table);
    if (rows !== copied) throw new Error(`"${table}": ${rows} rows in the source, ${copied} in the copy.`);
    // A sample spread over the table, compared field by field with the same row in the copy.
    const step = Math.max(1, Math.floor(rows / SAMPLE));
    const sample: Record<string, unknown>[] = [];
    for (let offset = 0; offset < rows && sample.length < SAMPLE; offset += step) {
      const ordered = key.reduce((q, k) => q.orderBy(k), from.selectFrom(table).selectAll());
      sample.push(await ordered.limit(1).offset(offset).executeTakeFirstOrThrow());
    }
    for (const row of sample) {
      const twin = await key
        .reduce((q, k) => q.where(k, "=", row[k]), to.selectFrom(table).selectAll())
        .executeTakeFirst();
      if (JSON.stringify(twin) !== JSON.stringify(row))
        throw new Error(`"${table}": the copy of ${JSON.stringify(key.map((k) => row[k]))} differs from the source.`);
    }
    report.tables.push({ table, rows, sampled: sample.length });
  }
  await refreshPlannerStatistics(to);
  return report;
}
