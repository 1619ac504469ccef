/** One notification in the list on /notifications: what happened, who did it, and where it leads. */
import { Form, Link } from "@remix-run/react";
import type { NotificationItem } from "~/models/notification-list.server";
import { formatDateTime, plural } from "~/utils/format";

const FLAG_OUTCOME: Record<string, string> = {
  hidden: "the post was hidden",
  restored: "the post was shown again",
  dismissed: "the flag was dismissed",
  fixed: "its anonymisation was fixed",
};

function who(item: NotificationItem): string {
  if (item.actorGone) return "A former member";
  return item.actor ?? "Someone";
}

/** What happened, in one sentence. */
export function notificationText(item: NotificationItem): string {
  const thread = item.threadTitle ? ` in “${item.threadTitle}”` : "";
  switch (item.kind) {
    case "reply":
      return `${who(item)} replied to your post${thread}.`;
    case "quote":
      return `${who(item)} quoted your post${thread}.`;
    case "mention":
      return `${who(item)} mentioned you${thread}.`;
    case "vote_milestone":
      return item.count === 1
        ? `Your example message got its first vote${thread}.`
        : `Your example message reached ${plural(item.count, "vote")}${thread}.`;
    case "approach_linked":
      return `${who(item)} linked a received reply to your approach${thread}.`;
    case "guide_added":
      return `A moderator added your message to the guide.`;
    case "post_hidden":
      return `A moderator hid your post${thread}.`;
    case "post_restored":
      return `A moderator restored your post${thread}.`;
    case "post_fixed":
      return `A moderator fixed the anonymisation of your message${thread}.`;
    case "flag_resolved":
      return `Your flag was resolved: ${FLAG_OUTCOME[item.detail ?? ""] ?? "it was closed"}.`;
    case "followed_thread":
      return `${plural(item.count, "new example message")}${thread}, which you follow.`;
  }
}

export function NotificationEntry({ item }: { item: NotificationItem }) {
  const showsDetail = item.detail && item.kind !== "flag_resolved";
  return (
    <li className={item.read ? "notification" : "notification notification--unread"}>
      <p>
        {item.read ? null : <span className="visually-hidden">Unread: </span>}
        <Link to={item.href}>{notificationText(item)}</Link>
      </p>
      {item.sourceExcerpt ? <p className="notification__excerpt">“{item.sourceExcerpt}”</p> : null}
      {showsDetail ? (
        <p className="notification__detail">
          {item.kind === "guide_added" ? "Moderator's note: " : "Reason: "}
          {item.detail}
        </p>
      ) : null}
      {item.withdrawable !== null ? (
        <Form method="post" action={`/posts/${item.withdrawable}/guide`} className="notification__withdraw">
          <input type="hidden" name="choice" value="withdraw" />
          <input type="hidden" name="returnTo" value="/notifications" />
          <button type="submit" className="button-link">
            Withdraw it from the guide
          </button>{" "}
          <span className="meta">(it leaves the guide at once)</span>
        </Form>
      ) : null}
      <p className="meta">
        <time dateTime={new Date(item.at).toISOString()}>{formatDateTime(item.at)}</time>
      </p>
    </li>
  );
}
