/**
 * Which notifications a member gets by e-mail, per family: off, at once ("instant") or in a daily digest.
 * Stored in notification_setting's `email` column (decision 0013's table; no row means off). Turning a
 * family on never mails what came before: its unread notifications are marked as dealt with.
 */
import type { Kysely } from "kysely";
import {
  FAMILY_NAMES,
  NOTIFICATION_FAMILIES,
  type EmailChoice,
  type NotificationFamily,
} from "~/utils/notification-kinds";
import type { Database } from "../../db/schema";

export type EmailChoices = Record<NotificationFamily, EmailChoice>;

export async function getEmailChoices(db: Kysely<Database>, userId: number): Promise<EmailChoices> {
  const rows = await db
    .selectFrom("notification_setting")
    .select(["family", "email"])
    .where("user_id", "=", userId)
    .execute();
  const choices = Object.fromEntries(FAMILY_NAMES.map((f) => [f, "off"])) as EmailChoices;
  for (const row of rows) choices[row.family] = row.email;
  return choices;
}

async function setOne(
  db: Kysely<Database>,
  { userId, family, email, now }: { userId: number; family: NotificationFamily; email: EmailChoice; now: number },
): Promise<void> {
  await db
    .insertInto("notification_setting")
    .values({ user_id: userId, family, email, updated_at: now })
    .onConflict((oc) => oc.columns(["user_id", "family"]).doUpdateSet({ email, updated_at: now }))
    .execute();
}

export async function setEmailChoices(
  db: Kysely<Database>,
  { userId, choices, now = Date.now() }: { userId: number; choices: EmailChoices; now?: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await getEmailChoices(trx, userId);
    for (const family of FAMILY_NAMES) {
      if (before[family] === choices[family]) continue;
      await setOne(trx, { userId, family, email: choices[family], now });
      if (before[family] === "off")
        await trx
          .updateTable("notification")
          .set({ emailed_at: now })
          .where("user_id", "=", userId)
          .where("kind", "in", [...NOTIFICATION_FAMILIES[family]])
          .where("emailed_at", "is", null)
          .execute();
    }
  });
}

/**
 * The one-click unsubscribe: this family's e-mails stop, or with "daily" every family sent as a digest
 * (what the app shows is unchanged). Returns the families turned off.
 */
export async function unsubscribe(
  db: Kysely<Database>,
  { userId, family, now = Date.now() }: { userId: number; family: NotificationFamily | "daily"; now?: number },
): Promise<NotificationFamily[]> {
  return db.transaction().execute(async (trx) => {
    const choices = await getEmailChoices(trx, userId);
    const off = family === "daily" ? FAMILY_NAMES.filter((f) => choices[f] === "daily") : [family];
    for (const f of off) await setOne(trx, { userId, family: f, email: "off", now });
    return off;
  });
}
