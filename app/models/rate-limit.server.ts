/**
 * Rate limits, counted in SQLite so they survive a restart: a fixed window
 * per key ("post:member:42", "login:ip:203.0.113.9"). One atomic upsert per
 * check, so concurrent requests cannot both slip under a limit.
 *
 * Why not rate-limiter-flexible: its SQLite store wants a different driver;
 * the whole need here is one statement (see docs/decisions/0004-hardening.md).
 */
import { sql, type Kysely } from "kysely";
import type { Limit } from "~/utils/rate-limit-rules";
import type { Database } from "../../db/schema";

export type { Limit };

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function consume(
  db: Kysely<Database>,
  { limit, subject, now = Date.now() }: { limit: Limit; subject: string | number; now?: number },
): Promise<LimitResult> {
  const key = `${limit.name}:${subject}`;
  // Portable upsert (SQLite and PostgreSQL both have ON CONFLICT … DO UPDATE … RETURNING).
  const row = await db
    .insertInto("rate_limit")
    .values({ key, points: 1, expires_at: now + limit.windowMs })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        points: sql<number>`case when rate_limit.expires_at <= ${now} then 1 else rate_limit.points + 1 end`,
        expires_at: sql<number>`case when rate_limit.expires_at <= ${now} then ${now + limit.windowMs} else rate_limit.expires_at end`,
      }),
    )
    .returning(["points", "expires_at"])
    .executeTakeFirstOrThrow();
  if (row.points <= limit.points) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.expires_at - now) / 1000)) };
}

/**
 * Gives back one point of a live window: a limit that counts failures takes a point for every attempt (so
 * concurrent attempts cannot all slip under it) and returns it when the attempt succeeds.
 */
export async function refund(
  db: Kysely<Database>,
  { limit, subject, now = Date.now() }: { limit: Limit; subject: string | number; now?: number },
): Promise<void> {
  await db
    .updateTable("rate_limit")
    .set({ points: sql<number>`points - 1` })
    .where("key", "=", `${limit.name}:${subject}`)
    .where("expires_at", ">", now)
    .where("points", ">", 0)
    .execute();
}

/** Forgets expired windows; run now and then so the table stays small. */
export async function pruneRateLimits(db: Kysely<Database>, now = Date.now()): Promise<void> {
  await db.deleteFrom("rate_limit").where("expires_at", "<=", now).execute();
}
