/** The e-mail tables (issue 15, decision 0014), kept beside db/schema.ts so that file's diff stays one line. */
import type { Generated } from "kysely";

export type EmailTokenPurpose = "verify" | "reset";
export type OutboxStatus = "pending" | "sending" | "sent" | "failed" | "skipped";

export interface MemberEmailTable {
  user_id: number;
  /** As the member typed it. */
  address: string;
  /** Lower-cased: addresses are unique among verified ones regardless of case. */
  address_key: string;
  verified_at: number;
}

export interface EmailTokenTable {
  /** SHA-256 (hex) of the link's token; the token itself is only ever in the e-mail. */
  id: string;
  user_id: number;
  purpose: EmailTokenPurpose;
  /** For "verify": the address the link confirms. */
  address: string | null;
  expires_at: number;
  created_at: number;
}

export interface MailOutboxTable {
  id: Generated<number>;
  user_id: number;
  /** "notification" (one, at once) or "digest" (a day's, grouped by thread). */
  kind: string;
  /** JSON: what to write, by id; the words are read when it is sent. */
  payload: string;
  dedupe_key: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: number;
  /** When a sender took it; a row left "sending" by a process that died is never sent again. */
  claimed_at: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface SiteSecretTable {
  name: string;
  value: string;
}

export interface EmailTables {
  member_email: MemberEmailTable;
  email_token: EmailTokenTable;
  mail_outbox: MailOutboxTable;
  site_secret: SiteSecretTable;
}
