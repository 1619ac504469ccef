/**
 * Opens the SQLite database behind Kysely with the settings every connection
 * needs: WAL (readers never wait for the writer), foreign keys enforced, and a
 * busy timeout so a second process (a CLI command) waits instead of failing.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteAdapter, SqliteDialect, type KyselyConfig } from "kysely";
import type { Database } from "./schema";

export const DEFAULT_DATABASE_PATH = "data/beyond-hello.db";

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

/**
 * SQLite runs DDL inside transactions, but Kysely's adapter says it does not,
 * so the migrator would leave a half-applied migration behind on failure.
 * Saying so lets each migration run in a transaction that rolls back whole.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class BeyondHelloSqliteDialect extends SqliteDialect {
  override createAdapter() {
    return new TransactionalSqliteAdapter();
  }
}

/**
 * Kysely prepares every statement afresh, and preparing costs as much as
 * running a small query. The app asks the same few hundred queries over and
 * over, so prepared statements are kept by their SQL text. Safe because one
 * connection runs one statement at a time, and Kysely never streams here.
 */
function cachePreparedStatements(sqlite: SQLite.Database): SQLite.Database {
  const prepared = new Map<string, SQLite.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let statement = prepared.get(source);
    if (!statement) {
      if (prepared.size >= 2_000) prepared.clear(); // ad-hoc SQL (say, IN lists of many lengths) cannot grow it for ever
      statement = prepare(source);
      prepared.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
  return sqlite;
}

export function openSqlite(file: string): SQLite.Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = cachePreparedStatements(new SQLite(file));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

export function openDatabase(
  file: string = databasePath(),
  { log }: { log?: KyselyConfig["log"] } = {},
): Kysely<Database> {
  return new Kysely<Database>({ dialect: new BeyondHelloSqliteDialect({ database: openSqlite(file) }), log });
}
