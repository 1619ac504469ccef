/**
 * Read-then-write in a transaction (a vote reads the counts it then writes).
 * SQLite runs one write transaction at a time, and Kysely's SQLite driver one
 * statement stream per connection, so the read cannot go stale. PostgreSQL runs
 * transactions side by side (read committed): the row must be locked as it is
 * read, or two votes at once both start from the same counts and one is lost.
 * SQLite has no FOR UPDATE, so the clause is added only for PostgreSQL.
 */
import type { Kysely, SelectQueryBuilder } from "kysely";
import { engineOf } from "./engine";

export function lockedForUpdate<Q extends SelectQueryBuilder<any, any, any>>(
  db: Kysely<any>,
  query: Q,
  of?: string,
): Q {
  if (engineOf(db) === "sqlite") return query;
  return (of ? query.forUpdate(of) : query.forUpdate()) as Q;
}
