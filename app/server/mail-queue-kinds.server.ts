/**
 * What each kind of queued e-mail says, written when it is sent: a notification the member has seen in the
 * app since it was queued is skipped, and so is one whose member has no verified address any more. Quoted
 * post texts go through the anonymiser again (example messages already were; comments were not), so an
 * e-mail carries anonymised text only.
 */
import type { Kysely } from "kysely";
import { anonymise } from "~/anonymiser";
import type { OutboxRow } from "~/models/mail-outbox.server";
import {
  mailAddressOf,
  notificationsForMail,
  queueDueDigests as queueDigests,
  queueInstantNotifications,
  type NotificationForMail,
} from "~/models/notification-mail.server";
import { FAMILY_LABEL, familyOf } from "~/utils/notification-kinds";
import { postHref } from "~/utils/paging";
import type { Database } from "../../db/schema";
import { absoluteUrl, compose, type Block } from "./mail-messages.server";
import type { MailMessage } from "./mailer.server";
import { unsubscribeUrl } from "./unsubscribe.server";

const QUOTE_MAX = 1200;

/** Moves what is due from notifications into the outbox (each sending round does this first). */
export async function queueDueMail(db: Kysely<Database>, now: number): Promise<void> {
  await queueInstantNotifications(db, now);
  await queueDigests(db, now);
}

function who(n: NotificationForMail): string {
  if (!n.actorName) return "Someone";
  return n.actorDeletedAt !== null ? "A former member" : n.actorName;
}

/** One line for a notification, in the words the app uses. */
export function describe(n: NotificationForMail): string {
  const where = n.title ? ` in “${n.title}”` : "";
  switch (n.kind) {
    case "reply":
      return `${who(n)} replied to your post${where}.`;
    case "quote":
      return `${who(n)} quoted your post${where}.`;
    case "mention":
      return `${who(n)} mentioned you${where}.`;
    case "vote_milestone":
      return `Your example message${where} has ${n.count} vote${n.count === 1 ? "" : "s"}.`;
    case "approach_linked":
      return `${who(n)} linked a received reply to your message${where}.`;
    case "guide_added":
      return `Your message${where} was added to the guide.`;
    case "post_hidden":
      return `A moderator hid your post${where}.${n.detail ? ` Reason: ${n.detail}` : ""}`;
    case "post_restored":
      return `A moderator restored your post${where}.`;
    case "post_fixed":
      return `A moderator fixed the anonymisation of your post${where}.`;
    case "flag_resolved":
      return `Your flag${where} was resolved.${n.detail ? ` ${n.detail}` : ""}`;
    case "followed_thread":
      return `${n.count} new example message${n.count === 1 ? "" : "s"}${where}, a thread you follow.`;
  }
}

function linkOf(n: NotificationForMail): string {
  if (n.slug && n.number !== null) return absoluteUrl(postHref(n.slug, n.number));
  if (n.slug) return absoluteUrl(`/threads/${n.slug}`);
  return absoluteUrl("/");
}

function quoteOf(n: NotificationForMail): string | null {
  if (n.body === null) return null;
  const text = anonymise(n.body).text.trim();
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1).trimEnd()}…` : text;
}

function payloadOf(row: NonNullable<OutboxRow>): { notificationIds: number[] } {
  const parsed = JSON.parse(row.payload) as { notificationIds?: unknown };
  const ids = Array.isArray(parsed.notificationIds) ? parsed.notificationIds.filter(Number.isInteger) : [];
  return { notificationIds: ids as number[] };
}

const FOOTER = "You get these e-mails because you chose them in your Beyond Hello e-mail settings.";

export async function composeQueuedMail(
  db: Kysely<Database>,
  row: NonNullable<OutboxRow>,
): Promise<MailMessage | { skip: string }> {
  const to = await mailAddressOf(db, row.user_id);
  if (!to) return { skip: "no verified address" };
  const notifications = await notificationsForMail(db, payloadOf(row).notificationIds);
  if (notifications.length === 0) return { skip: "already seen in the app" };
  const settings = absoluteUrl("/settings/email");

  if (row.kind === "notification") {
    const n = notifications[0];
    const family = familyOf(n.kind);
    const quote = quoteOf(n);
    const blocks: Block[] = [{ text: describe(n) }];
    if (quote) blocks.push({ quote });
    blocks.push({ link: linkOf(n), label: "See it on Beyond Hello" });
    blocks.push({ text: `Change what you get by e-mail: ${settings}` });
    return compose({
      to,
      subject: describe(n).replace(/\.$/, ""),
      blocks,
      footer: `${FOOTER} (${FAMILY_LABEL[family]})`,
      unsubscribeUrl: await unsubscribeUrl(db, { userId: row.user_id, family }),
    });
  }

  if (row.kind === "digest") {
    // Grouped by thread, in the order each thread first appears.
    const threads = new Map<string, NotificationForMail[]>();
    for (const n of notifications) {
      const key = n.title ?? "Elsewhere on the forum";
      threads.set(key, [...(threads.get(key) ?? []), n]);
    }
    const blocks: Block[] = [
      {
        text: `Your day on Beyond Hello: ${notifications.length} notification${notifications.length === 1 ? "" : "s"}.`,
      },
    ];
    for (const [title, items] of threads) {
      blocks.push({ text: `— ${title} —` });
      for (const n of items) {
        blocks.push({ text: describe(n) });
        const quote = quoteOf(n);
        if (quote) blocks.push({ quote });
        blocks.push({ link: linkOf(n), label: "See it" });
      }
    }
    blocks.push({ text: `Change what you get by e-mail: ${settings}` });
    // The digest's link stops every family the member gets as a digest.
    return compose({
      to,
      subject: `Your Beyond Hello digest: ${notifications.length} notification${notifications.length === 1 ? "" : "s"}`,
      blocks,
      footer: FOOTER,
      unsubscribeUrl: await unsubscribeUrl(db, { userId: row.user_id, family: "daily" }),
    });
  }

  throw new Error(`no message is written for the kind "${row.kind}"`);
}
