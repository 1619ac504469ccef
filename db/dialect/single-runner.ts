/**
 * Work that one process at a time may do (the e-mail sender, decision 0014). With PostgreSQL and
 * WORKERS > 1 (or a cron job beside the server), every process runs the job; a session-level
 * `pg_try_advisory_lock` on one pinned connection lets the first through and the others skip this round.
 * The lock goes with the connection, so a process that dies releases it. SQLite has one server process
 * (decision 0012); a cron run beside it is kept apart by the queue's row claims alone.
 */
import { sql, type Kysely } from "kysely";
import { engineOf } from "./engine";

/** Runs `work` with the lock held, on the connection holding it; null when another process holds it. */
export async function asSingleRunner<DB, T>(
  db: Kysely<DB>,
  lockKey: number,
  work: (db: Kysely<DB>) => Promise<T>,
): Promise<T | null> {
  if (engineOf(db) === "sqlite") return work(db);
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${lockKey}) as locked`.execute(
      connection,
    );
    if (!rows[0]?.locked) return null;
    try {
      return await work(connection);
    } finally {
      await sql`select pg_advisory_unlock(${lockKey})`.execute(connection);
    }
  });
}
