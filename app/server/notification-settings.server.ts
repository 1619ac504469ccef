/** What /settings shows of a member's notifications: the families in the app, and the threads they follow or mute. */
import { getDb } from "~/db.server";
import { getNotificationSettings } from "~/models/notification-settings.server";
import { listTrackedThreads } from "~/models/thread-reader.server";
import { FAMILY_NAMES, type NotificationFamily } from "~/utils/notification-kinds";

export async function notificationSettingsView(userId: number) {
  const [settings, tracked] = await Promise.all([
    getNotificationSettings(getDb(), userId),
    listTrackedThreads(getDb(), userId),
  ]);
  const inApp = Object.fromEntries(FAMILY_NAMES.map((f) => [f, settings[f].inApp])) as Record<
    NotificationFamily,
    boolean
  >;
  return { inApp, tracked };
}
