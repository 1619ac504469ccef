/**
 * PostgreSQL behind Kysely, for a forum that has outgrown one machine
 * (DATABASE_URL=postgres://…). The pool is node-postgres's; its size is per
 * server process (WORKERS multiplies it), so the default stays small.
 */
import { PostgresDialect, type PostgresPool, type PostgresPoolClient } from "kysely";
import pg from "pg";

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Times are bigint milliseconds and count(*) is bigint in PostgreSQL; node-postgres
 * hands both back as strings, to be safe above 2^53. Every such value here is
 * far below that, and the models expect numbers, as SQLite gives them.
 */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/**
 * PostgreSQL's default random_page_cost (4) prices an index lookup for a disk that seeks. A forum's
 * working set sits in memory, where the default led the planner to hash whole tables for a page's
 * fifty rows: 2.8× SQLite's CPU per members' thread page, against 1.2× at 1.1 (decision 0012).
 * PGOPTIONS, when set, replaces this (node-postgres reads it).
 */
const SESSION_OPTIONS = process.env.PGOPTIONS ? undefined : "-c random_page_cost=1.1";

export function openPostgresPool(url: string, max = Number(process.env.DATABASE_POOL_SIZE) || 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, types, max, options: SESSION_OPTIONS });
  // An idle client whose server connection dies emits 'error' on the pool; without a listener that ends the process.
  pool.on("error", (error) => console.error(`PostgreSQL pool: ${error.message}`));
  return pool;
}

/**
 * PostgreSQL's text cannot hold the NUL character (SQLite's can): a parameter
 * with one fails the whole statement, and a request for /threads/%00 would be
 * a 500 rather than a 404. NUL becomes U+FFFD, as a browser shows an
 * undecodable byte; no slug or name contains either, so lookups find nothing.
 */
function withoutNul(value: unknown): unknown {
  return typeof value === "string" && value.includes("\0") ? value.replaceAll("\0", "\uFFFD") : value;
}

function nulSafe(pool: pg.Pool): PostgresPool {
  return {
    async connect() {
      const client = await pool.connect();
      const query = client.query.bind(client) as (sql: unknown, parameters?: unknown[]) => unknown;
      return {
        query: (sql: unknown, parameters?: unknown[]) => query(sql, parameters?.map(withoutNul)),
        release: () => client.release(),
      } as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

export function postgresDialect(url: string): PostgresDialect {
  return new PostgresDialect({ pool: nulSafe(openPostgresPool(url)) });
}

/** A plain client, for statements that cannot run in a pool's transaction (CREATE DATABASE) or that listen. */
export function postgresClient(url: string): pg.Client {
  return new pg.Client({ connectionString: url, types });
}
