/**
 * Opens the database behind Kysely: SQLite by default, PostgreSQL when
 * DATABASE_URL is a postgres:// address (db/postgres.ts). SQLite gets the
 * settings every connection needs: WAL (readers never wait for the writer),
 * foreign keys enforced, and a busy timeout so a second process (a CLI
 * command) waits instead of failing.
 */
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteAdapter, SqliteDialect, type KyselyConfig } from "kysely";
import { KyselyWithAfterCommit } from "./dialect/after-commit";
import { isPostgresUrl, postgresDialect } from "./postgres";
import type { Database } from "./schema";

export const DEFAULT_DATABASE_PATH = "data/beyond-hello.db";

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

/** Where the database is: DATABASE_URL (postgres://…) when set, else the SQLite file at DATABASE_PATH. */
export function databaseLocation(): string {
  return process.env.DATABASE_URL || databasePath();
}

/** The location for messages: a PostgreSQL URL without its password. */
export function databaseLabel(location: string = databaseLocation()): string {
  if (!isPostgresUrl(location)) return location;
  const url = new URL(location);
  if (url.password) url.password = "***";
  return url.toString();
}

/** The environment that points a child process (the server, a CLI command) at this database. */
export function databaseEnv(location: string): { DATABASE_URL: string } | { DATABASE_PATH: string } {
  return isPostgresUrl(location) ? { DATABASE_URL: location } : { DATABASE_PATH: location };
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

/** `location` is a SQLite file or a postgres:// URL. */
export function openDatabase(
  location: string = databaseLocation(),
  { log }: { log?: KyselyConfig["log"] } = {},
): Kysely<Database> {
  // Both engines run afterCommit work once a transaction commits: that is when a write drops cached pages.
  if (isPostgresUrl(location)) return new KyselyWithAfterCommit<Database>({ dialect: postgresDialect(location), log });
  return new KyselyWithAfterCommit<Database>({
    dialect: new BeyondHelloSqliteDialect({ database: openSqlite(location) }),
    log,
  });
}
