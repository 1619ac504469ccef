/**
 * The sender of queued e-mails (decision 0014): inside the server, every MAIL_INTERVAL seconds and soon
 * after something is queued in this process; or once, by `npm run -s mail:send-due` from cron. One
 * process sends at a time (asSingleRunner); rows go one by one, each claimed, sent and marked, so a run
 * stopped mid-batch leaves the rest pending and sends nothing twice.
 */
import type { Kysely } from "kysely";
import { getDb } from "~/db.server";
import {
  claimNextMail,
  markMailFailed,
  markMailSent,
  markMailSkipped,
  type OutboxRow,
} from "~/models/mail-outbox.server";
import { asSingleRunner } from "../../db/dialect/single-runner";
import type { Database } from "../../db/schema";
import { composeQueuedMail, queueDueMail } from "./mail-queue-kinds.server";
import { mailIsOn, sendMail, type MailMessage } from "./mailer.server";

// Any fixed number, the same in every process: the advisory lock's name.
const MAIL_LOCK = 0x6d61696c;
export const BATCH_SIZE = 50;

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

type Composer = (db: Kysely<Database>, row: NonNullable<OutboxRow>) => Promise<MailMessage | { skip: string }>;

/** Sends up to `batchSize` due messages; null when another process is sending. */
export async function sendDueMail(
  db: Kysely<Database>,
  {
    now = Date.now(),
    batchSize = BATCH_SIZE,
    compose = composeQueuedMail,
  }: { now?: number; batchSize?: number; compose?: Composer } = {},
): Promise<SendReport | null> {
  return asSingleRunner(db, MAIL_LOCK, async (conn) => {
    await queueDueMail(conn, now);
    const report: SendReport = { sent: 0, retried: 0, failed: 0, skipped: 0 };
    for (let i = 0; i < batchSize; i++) {
      const row = await claimNextMail(conn, now);
      if (!row) break;
      let message: MailMessage | { skip: string };
      try {
        message = await compose(conn, row);
      } catch (error) {
        await markMailFailed(conn, {
          id: row.id,
          attempts: row.attempts,
          error: errorText(error),
          permanent: true,
          now,
        });
        report.failed++;
        continue;
      }
      if ("skip" in message) {
        await markMailSkipped(conn, row.id, message.skip);
        report.skipped++;
        continue;
      }
      try {
        await sendMail(message);
      } catch (error) {
        // 5xx: the server will never take this message (a bad address); anything else may pass later.
        const code = (error as { responseCode?: number }).responseCode;
        const permanent = typeof code === "number" && code >= 500;
        const outcome = await markMailFailed(conn, {
          id: row.id,
          attempts: row.attempts,
          error: errorText(error),
          permanent,
          now,
        });
        report[outcome === "retry" ? "retried" : "failed"]++;
        continue;
      }
      await markMailSent(conn, row.id, Date.now());
      report.sent++;
    }
    return report;
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0] : String(error);
}

// --- the job inside the server --------------------------------------------

let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | null = null;
let again = false;

/** Runs a round now, or right after the round in progress. */
export function kickMailJob(): void {
  if (!timer) return;
  if (running) {
    again = true;
    return;
  }
  running = sendDueMail(getDb())
    .catch((error) => console.error(`e-mail: the sending round failed: ${errorText(error)}`))
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        kickMailJob();
      }
    });
}

/** Started by the server (scripts/server.ts) when e-mail is on. */
export function startMailJob(intervalMs = Number(process.env.MAIL_INTERVAL || 60) * 1000): void {
  if (timer || !mailIsOn()) return;
  timer = setInterval(kickMailJob, intervalMs);
  timer.unref();
  kickMailJob();
}

/** Stops the timer and waits for a round in progress (on shutdown, before the database closes). */
export async function stopMailJob(): Promise<void> {
  clearInterval(timer);
  timer = undefined;
  await running;
}
