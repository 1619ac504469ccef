/**
 * Which notifications a member gets, per family of kinds (NOTIFICATION_FAMILIES): in the app or not.
 * No row means the default (in the app). The e-mail choice shares the row (issue 15 sets it); saving
 * one never changes the other.
 */
import type { Kysely } from "kysely";
import { FAMILY_NAMES, type EmailChoice, type NotificationFamily } from "~/utils/notification-kinds";
import type { Database } from "../../db/schema";

export type NotificationSettings = Record<NotificationFamily, { inApp: boolean; email: EmailChoice }>;

export async function getNotificationSettings(db: Kysely<Database>, userId: number): Promise<NotificationSettings> {
  const rows = await db
    .selectFrom("notification_setting")
    .select(["family", "in_app", "email"])
    .where("user_id", "=", userId)
    .execute();
  const settings = Object.fromEntries(
    FAMILY_NAMES.map((family) => [family, { inApp: true, email: "off" }]),
  ) as NotificationSettings;
  for (const row of rows) settings[row.family] = { inApp: Boolean(row.in_app), email: row.email };
  return settings;
}

/** Sets which families show in the app: those listed in `inApp` on, the others off. */
export async function saveInAppSettings(
  db: Kysely<Database>,
  { userId, inApp, now = Date.now() }: { userId: number; inApp: NotificationFamily[]; now?: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const family of FAMILY_NAMES) {
      const on = inApp.includes(family) ? 1 : 0;
      await trx
        .insertInto("notification_setting")
        .values({ user_id: userId, family, in_app: on, updated_at: now })
        .onConflict((oc) => oc.columns(["user_id", "family"]).doUpdateSet({ in_app: on, updated_at: now }))
        .execute();
    }
  });
}
