/**
 * The queue of outgoing notification e-mails (decision 0014). A row is claimed by one atomic UPDATE that
 * only succeeds while it is still pending, so two senders never take the same row, on either engine. A row
 * is marked "sending" just before its message goes out and "sent" just after: a sender that dies between
 * the two leaves it "sending", and nothing sends it again (at most once; "never twice" is the rule).
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

export const MAX_ATTEMPTS = 6;
const MINUTE = 60_000;
/** Waits after the 1st, 2nd, … failed attempt: the SMTP server gets time to recover. */
export const BACKOFF_MS = [1, 5, 30, 120, 360].map((m) => m * MINUTE);

export async function enqueueMail(
  db: Kysely<Database>,
  {
    userId,
    kind,
    payload,
    dedupeKey,
    now = Date.now(),
  }: { userId: number; kind: string; payload: unknown; dedupeKey: string; now?: number },
): Promise<boolean> {
  const result = await db
    .insertInto("mail_outbox")
    .values({
      user_id: userId,
      kind,
      payload: JSON.stringify(payload),
      dedupe_key: dedupeKey,
      next_attempt_at: now,
      claimed_at: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export type OutboxRow = Awaited<ReturnType<typeof claimNextMail>>;

/** Takes the oldest due row, or returns undefined when none is due. */
export async function claimNextMail(db: Kysely<Database>, now = Date.now()) {
  for (;;) {
    const due = await db
      .selectFrom("mail_outbox")
      .select("id")
      .where("status", "=", "pending")
      .where("next_attempt_at", "<=", now)
      .orderBy("next_attempt_at")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (!due) return undefined;
    const claimed = await db
      .updateTable("mail_outbox")
      .set((eb) => ({ status: "sending", claimed_at: now, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", due.id)
      .where("status", "=", "pending")
      .returning(["id", "user_id", "kind", "payload", "attempts", "created_at"])
      .executeTakeFirst();
    // Another sender took it between the two statements: look again.
    if (claimed) return claimed;
  }
}

export async function markMailSent(db: Kysely<Database>, id: number, now = Date.now()): Promise<void> {
  await db
    .updateTable("mail_outbox")
    .set({ status: "sent", sent_at: now, last_error: null })
    .where("id", "=", id)
    .execute();
}

export async function markMailSkipped(db: Kysely<Database>, id: number, why: string): Promise<void> {
  await db.updateTable("mail_outbox").set({ status: "skipped", last_error: why }).where("id", "=", id).execute();
}

/** A failed attempt: back to pending after the back-off, or failed for good after MAX_ATTEMPTS. */
export async function markMailFailed(
  db: Kysely<Database>,
  {
    id,
    attempts,
    error,
    permanent = false,
    now = Date.now(),
  }: { id: number; attempts: number; error: string; permanent?: boolean; now?: number },
): Promise<"retry" | "failed"> {
  const giveUp = permanent || attempts >= MAX_ATTEMPTS;
  const wait = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0];
  await db
    .updateTable("mail_outbox")
    .set({
      status: giveUp ? "failed" : "pending",
      next_attempt_at: giveUp ? now : now + wait,
      last_error: error.slice(0, 500),
    })
    .where("id", "=", id)
    .execute();
  return giveUp ? "failed" : "retry";
}

/** Counts by status, for the command's summary and the tests. */
export async function outboxCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("mail_outbox")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
