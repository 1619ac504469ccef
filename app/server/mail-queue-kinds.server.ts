/**
 * What each kind of queued e-mail says, read when it is sent (so a notification the member has seen
 * in the meantime is skipped), and the daily digests' scheduling. Notification kinds come with the
 * notifications' data model.
 */
import type { Kysely } from "kysely";
import type { OutboxRow } from "~/models/mail-outbox.server";
import type { Database } from "../../db/schema";
import type { MailMessage } from "./mailer.server";

export function composeQueuedMail(
  _db: Kysely<Database>,
  row: NonNullable<OutboxRow>,
): Promise<MailMessage | { skip: string }> {
  return Promise.reject(new Error(`no message is written for the kind "${row.kind}"`));
}

export function queueDueDigests(_db: Kysely<Database>, _now: number): Promise<void> {
  return Promise.resolve();
}
