/**
 * Members' e-mail addresses and the single-use links sent to them (decision 0014). A link's token is
 * returned once, to be put in the e-mail; only its SHA-256 is stored. Using a link deletes its row in the
 * same statement that reads it, so two clicks at once cannot both use it.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Kysely } from "kysely";
import { hashPassword } from "~/utils/password.server";
import type { Database } from "../../db/schema";
import type { EmailTokenPurpose } from "../../db/schema-email";

const HOUR = 60 * 60 * 1000;
export const LINK_LIFETIME: Record<EmailTokenPurpose, number> = { verify: 24 * HOUR, reset: HOUR };

export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

export function newLinkToken(): { token: string; id: string } {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  return { token, id: tokenId(token) };
}

export function tokenId(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** A link token's shape: anything else names no link (and is never looked up). */
export function isLinkToken(token: string | undefined): token is string {
  return typeof token === "string" && /^[a-z2-7]{32}$/.test(token);
}

/** The member's verified address and the one waiting for verification, if any. Only ever shown to them. */
export async function getMemberEmail(db: Kysely<Database>, userId: number, now = Date.now()) {
  const verified = await db
    .selectFrom("member_email")
    .select(["address", "verified_at"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const pending = await db
    .selectFrom("email_token")
    .select(["address", "expires_at"])
    .where("user_id", "=", userId)
    .where("purpose", "=", "verify")
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return { verified: verified ?? null, pending: pending?.address ?? null };
}

/** A link that makes `address` the member's once opened; earlier pending links of theirs stop working. */
export async function createVerifyLink(
  db: Kysely<Database>,
  { userId, address, now = Date.now() }: { userId: number; address: string; now?: number },
): Promise<string> {
  const { token, id } = newLinkToken();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("email_token").where("user_id", "=", userId).where("purpose", "=", "verify").execute();
    await trx
      .insertInto("email_token")
      .values({
        id,
        user_id: userId,
        purpose: "verify",
        address,
        expires_at: now + LINK_LIFETIME.verify,
        created_at: now,
      })
      .execute();
  });
  return token;
}

export async function createResetLink(
  db: Kysely<Database>,
  { userId, now = Date.now() }: { userId: number; now?: number },
): Promise<string> {
  const { token, id } = newLinkToken();
  await db
    .insertInto("email_token")
    .values({
      id,
      user_id: userId,
      purpose: "reset",
      address: null,
      expires_at: now + LINK_LIFETIME.reset,
      created_at: now,
    })
    .execute();
  return token;
}

/** The live link a token names, without using it (for the page that asks to confirm). */
export async function peekLink(
  db: Kysely<Database>,
  { token, purpose, now = Date.now() }: { token: string; purpose: EmailTokenPurpose; now?: number },
) {
  return db
    .selectFrom("email_token")
    .innerJoin("user", "user.id", "email_token.user_id")
    .select(["email_token.user_id", "email_token.address", "user.username"])
    .where("email_token.id", "=", tokenId(token))
    .where("email_token.purpose", "=", purpose)
    .where("email_token.expires_at", ">", now)
    .where("user.deleted_at", "is", null)
    .executeTakeFirst();
}

export type VerifyOutcome = { ok: true; address: string } | { ok: false; reason: "invalid" | "taken" };

/** Uses a verification link: the address becomes the member's (replacing an earlier one) unless another member has it. */
export async function redeemVerifyLink(
  db: Kysely<Database>,
  { token, now = Date.now() }: { token: string; now?: number },
): Promise<VerifyOutcome> {
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .deleteFrom("email_token")
      .where("id", "=", tokenId(token))
      .where("purpose", "=", "verify")
      .returning(["user_id", "address", "expires_at"])
      .executeTakeFirst();
    if (!link?.address || link.expires_at <= now) return { ok: false, reason: "invalid" } as const;
    const key = addressKey(link.address);
    const holder = await trx
      .selectFrom("member_email")
      .select("user_id")
      .where("address_key", "=", key)
      .executeTakeFirst();
    if (holder && holder.user_id !== link.user_id) return { ok: false, reason: "taken" } as const;
    await trx
      .insertInto("member_email")
      .values({ user_id: link.user_id, address: link.address, address_key: key, verified_at: now })
      .onConflict((oc) =>
        oc.column("user_id").doUpdateSet({ address: link.address!, address_key: key, verified_at: now }),
      )
      .execute();
    return { ok: true, address: link.address } as const;
  });
}

/** Uses a reset link: the new password, every session ended, every other reset link of theirs void. */
export async function redeemResetLink(
  db: Kysely<Database>,
  { token, newPassword, now = Date.now() }: { token: string; newPassword: string; now?: number },
): Promise<{ username: string } | null> {
  // Hashed before the transaction: argon2 takes tens of milliseconds, and SQLite has one writer.
  const passwordHash = await hashPassword(newPassword);
  return db.transaction().execute(async (trx) => {
    const link = await trx
      .deleteFrom("email_token")
      .where("id", "=", tokenId(token))
      .where("purpose", "=", "reset")
      .returning(["user_id", "expires_at"])
      .executeTakeFirst();
    if (!link || link.expires_at <= now) return null;
    const user = await trx
      .updateTable("user")
      .set({ password_hash: passwordHash })
      .where("id", "=", link.user_id)
      .where("deleted_at", "is", null)
      .returning("username")
      .executeTakeFirst();
    if (!user) return null;
    await trx.deleteFrom("session").where("user_id", "=", link.user_id).execute();
    await trx.deleteFrom("email_token").where("user_id", "=", link.user_id).where("purpose", "=", "reset").execute();
    return { username: user.username };
  });
}

export async function removeMemberEmail(db: Kysely<Database>, userId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("member_email").where("user_id", "=", userId).execute();
    await trx.deleteFrom("email_token").where("user_id", "=", userId).where("purpose", "=", "verify").execute();
    await trx.deleteFrom("mail_outbox").where("user_id", "=", userId).where("status", "=", "pending").execute();
  });
}

/** For a deleted account (in its transaction): the address, its links and its queued mail go. */
export async function eraseEmailData(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom("member_email").where("user_id", "=", userId).execute();
  await db.deleteFrom("email_token").where("user_id", "=", userId).execute();
  await db.deleteFrom("mail_outbox").where("user_id", "=", userId).execute();
}

/**
 * Who a /forgot entry names: a username, or a verified address; with where to send the link (null when the
 * member has no verified address). One query either way, so the two cases cost the same.
 */
export async function findAccountForReset(db: Kysely<Database>, entry: string) {
  const key = entry.trim().toLowerCase();
  return db
    .selectFrom("user")
    .leftJoin("member_email", "member_email.user_id", "user.id")
    .select(["user.id", "user.username", "member_email.address"])
    .where("user.deleted_at", "is", null)
    .where("user.password_hash", "is not", null)
    .where((eb) => eb.or([eb("user.username_key", "=", key), eb("member_email.address_key", "=", key)]))
    .orderBy("user.id")
    .limit(1)
    .executeTakeFirst();
}
