/**
 * The search index's engine-specific half (decision 0015). Both engines keep one `search_doc` row per
 * searchable thing (its kind, thread, author, date, whether readers may see it); the words live in:
 * - SQLite: a contentless FTS5 table `search_fts` (rowid = search_doc.id; title, body, cjk), with
 *   Porter stemming and `remove_diacritics 2`, ranked by BM25 with the title weighted up;
 * - PostgreSQL: a `tsvector` column of search_doc (the 'english' configuration; title weight A, body
 *   B, CJK tokens C) with a GIN index, ranked by ts_rank (PostgreSQL has no BM25).
 * Text arrives folded and CJK runs as tokens (app/utils/search-text.ts), so the two behave alike.
 * Queries are built from parsed terms of letters and digits only, and passed as bound parameters.
 */
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { SearchTerm } from "../../app/utils/search-query";
import type { IndexedText } from "../../app/utils/search-text";
import type { Database, SearchDocTable } from "../schema";
import { engineOf } from "./engine";

/** Tables that hold the index and no data of their own: db:copy rebuilds them rather than copying. */
export function isSearchIndexTable(name: string): boolean {
  return name === "search_doc" || name === "search_fts" || name.startsWith("search_fts_");
}

export async function createSearchIndex(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_doc")
    // "integer primary key" is SQLite's rowid itself: the join from search_fts's rowid is one B-tree step.
    .addColumn("id", engineOf(db) === "sqlite" ? "integer" : "bigint", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("thread_id", "integer", (c) => c.notNull())
    .addColumn("post_id", "integer")
    .addColumn("guide_entry_id", "integer")
    .addColumn("author_id", "integer")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("visible", "integer", (c) => c.notNull())
    .execute();
  // Finding a post's documents (itself and its guide entry) when it changes.
  await db.schema.createIndex("search_doc_post").on("search_doc").column("post_id").execute();
  if (engineOf(db) === "sqlite") {
    await sql`create virtual table search_fts using fts5(title, body, cjk, content='', contentless_delete=1,
      tokenize='porter unicode61 remove_diacritics 2')`.execute(db);
  } else {
    await sql`alter table search_doc add column document tsvector not null`.execute(db);
    await sql`create index search_doc_document on search_doc using gin (document)`.execute(db);
  }
}

export async function dropSearchIndex(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === "sqlite") await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable("search_doc").ifExists().execute();
}

/** Empties the index (before a rebuild). */
export async function clearSearchIndex(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === "sqlite") await sql`insert into search_fts(search_fts) values ('delete-all')`.execute(db);
  await db.deleteFrom("search_doc").execute();
}

export interface SearchDocRow {
  id: number;
  kind: string;
  thread_id: number;
  post_id: number | null;
  guide_entry_id: number | null;
  author_id: number | null;
  created_at: number;
  visible: number;
}

export async function deleteSearchDocs(db: Kysely<any>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  if (engineOf(db) === "sqlite") await db.deleteFrom("search_fts").where("rowid", "in", ids).execute();
  await db.deleteFrom("search_doc").where("id", "in", ids).execute();
}

/** Writes documents whose ids are not in the index (deleteSearchDocs first to replace one). */
export async function insertSearchDocs(db: Kysely<any>, docs: { row: SearchDocRow; text: IndexedText }[]) {
  if (docs.length === 0) return;
  if (engineOf(db) === "sqlite") {
    await db
      .insertInto("search_doc")
      .values(docs.map((d) => d.row))
      .execute();
    await db
      .insertInto("search_fts")
      .values(docs.map(({ row, text }) => ({ rowid: row.id, ...text })))
      .execute();
    return;
  }
  await db
    .insertInto("search_doc")
    .values(
      docs.map(({ row, text }) => ({
        ...row,
        document: sql`setweight(to_tsvector('english', ${text.title}), 'A')
          || setweight(to_tsvector('english', ${text.body}), 'B')
          || setweight(to_tsvector('english', ${text.cjk}), 'C')`,
      })),
    )
    .execute();
}

function quoted(token: string): string {
  return `"${token}"`; // tokens are letters and digits only (search-query.ts)
}

/** An FTS5 expression: words in the title or body, CJK tokens in their column. */
function fts5Expression(terms: SearchTerm[]): string {
  const one = (t: SearchTerm) =>
    `${t.script === "cjk" ? "cjk" : "{title body}"} : ${quoted(t.tokens.join(" "))}${t.prefix ? "*" : ""}`;
  const positive = terms.filter((t) => !t.negated).map(one);
  const negative = terms.filter((t) => t.negated).map(one);
  return [positive.join(" AND "), ...negative].join(" NOT ");
}

/** A tsquery string: words weighted A or B (title, body), CJK tokens weighted C. */
function tsqueryText(terms: SearchTerm[]): string {
  const one = (t: SearchTerm) => {
    const weight = t.script === "cjk" ? "C" : "AB";
    const tokens = t.tokens.map((token, i) => {
      const last = i === t.tokens.length - 1;
      return `'${token}':${last && t.prefix ? "*" : ""}${weight}`;
    });
    const phrase = tokens.length > 1 ? `(${tokens.join(" <-> ")})` : tokens[0];
    return t.negated ? `!${phrase}` : phrase;
  };
  return terms.map(one).join(" & ");
}

/** search_doc as `d`, with a score: what matchingDocs gives the search model to filter and order. */
export type SearchCandidates = SelectQueryBuilder<Database & { d: SearchDocTable }, "d", { score: number }>;

/**
 * The documents matching `terms` (at least one not negated), as `d` (search_doc), newest first (which
 * both engines read off their index without sorting), with a `score` column where higher is better.
 * The caller adds its filters and limit.
 *
 * SQLite's bm25() first counts every row holding each term (for its weight), so it costs as much as
 * the commonest word's whole list; `scored: false` leaves it out (score 0) for queries that match
 * too many documents to rank (app/models/search.server.ts). PostgreSQL's ts_rank reads only the row.
 */
export function matchingDocs(
  db: Kysely<Database>,
  terms: SearchTerm[],
  { scored }: { scored: boolean },
): SearchCandidates {
  if (engineOf(db) === "sqlite") {
    // search_fts is not in the typed schema (it exists on SQLite only): the result is typed by hand.
    const untyped: Kysely<any> = db;
    const query: unknown = untyped
      .selectFrom("search_fts as f")
      .innerJoin("search_doc as d", "d.id", "f.rowid")
      .where(sql<boolean>`search_fts match ${fts5Expression(terms)}`)
      .select(scored ? sql<number>`-bm25(search_fts, 10.0, 1.0, 1.0)`.as("score") : sql<number>`0`.as("score"))
      .orderBy("f.rowid", "desc");
    return query as SearchCandidates;
  }
  const query = sql`to_tsquery('english', ${tsqueryText(terms)})`;
  return db
    .selectFrom("search_doc as d")
    .where(sql<boolean>`d.document @@ ${query}`)
    .select(sql<number>`ts_rank(d.document, ${query})`.as("score"))
    .orderBy("d.id", "desc");
}
