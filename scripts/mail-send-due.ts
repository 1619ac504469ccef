/**
 * `npm run -s mail:send-due`: one sending round of queued e-mails (and the day's digests), for those who
 * run it from cron rather than relying on the server's own job. Safe beside the server: one process sends
 * at a time, and a row is never sent twice.
 */
import { sendDueMail } from "../app/server/mail-job.server";
import { mailIsOn } from "../app/server/mailer.server";
import { openDatabase } from "../db/database";
import { migrateOrThrow } from "../db/migrate";

if (!mailIsOn()) {
  console.error("E-mail is off: set SMTP_URL (or MAIL_OUTBOX in development).");
  process.exit(2);
}
const db = openDatabase();
try {
  await migrateOrThrow(db);
  const batchSize = Number(process.env.MAIL_BATCH || 50);
  const report = await sendDueMail(db, { batchSize });
  if (!report) console.log("Another process is sending; nothing done.");
  else
    console.log(`sent ${report.sent}, to retry ${report.retried}, failed ${report.failed}, skipped ${report.skipped}`);
} finally {
  await db.destroy();
}
