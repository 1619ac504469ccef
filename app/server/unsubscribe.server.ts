/**
 * One-click unsubscribe links (RFC 8058): `/unsubscribe/<member>.<family>.<signature>`, signed with HMAC-SHA256
 * by a secret the site keeps in its database, so the link works without signing in and cannot be forged
 * for another member or family. It never expires: an old e-mail's link must still stop the e-mails.
 * A link names one family, or "daily": every family the member gets as a digest (a digest's link).
 */
import crypto from "node:crypto";
import type { Kysely } from "kysely";
import { siteSecret } from "~/models/site-secret.server";
import { FAMILY_NAMES, type NotificationFamily } from "~/utils/notification-kinds";
import type { Database } from "../../db/schema";
import { absoluteUrl } from "./mail-messages.server";

export type UnsubscribeScope = NotificationFamily | "daily";

async function signature(db: Kysely<Database>, payload: string): Promise<string> {
  const secret = await siteSecret(db, "unsubscribe");
  return crypto.createHmac("sha256", secret).update(payload).digest("base64url");
}

export async function unsubscribeUrl(
  db: Kysely<Database>,
  { userId, family }: { userId: number; family: UnsubscribeScope },
): Promise<string> {
  const payload = `${userId}.${family}`;
  return absoluteUrl(`/unsubscribe/${payload}.${await signature(db, payload)}`);
}

/** The member and family a token names, or null when it is not one this site signed. */
export async function readUnsubscribeToken(
  db: Kysely<Database>,
  token: string | undefined,
): Promise<{ userId: number; family: UnsubscribeScope } | null> {
  const match = /^(\d{1,10})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(token ?? "");
  if (!match) return null;
  const [, id, family, given] = match;
  if (family !== "daily" && !(FAMILY_NAMES as string[]).includes(family)) return null;
  const expected = Buffer.from(await signature(db, `${id}.${family}`));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) return null;
  return { userId: Number(id), family: family as UnsubscribeScope };
}
