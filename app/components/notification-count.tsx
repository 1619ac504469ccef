/**
 * The header's link to /notifications with the unread count, a text label for screen readers. The
 * server renders it (works without JavaScript); with JavaScript the count is asked again when the
 * member comes back to the tab, at most once a minute, never by polling.
 */
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";

const REFRESH_AT_MOST_EVERY_MS = 60_000;

export function NotificationCount({ count }: { count: number }) {
  // A refreshed count, kept with the count the page showed when it was asked: a navigation since brings a newer one.
  const [refreshed, setRefreshed] = useState<{ over: number; count: number } | null>(null);
  useEffect(() => {
    let lastAsked = Date.now();
    const onVisible = () => {
      if (document.visibilityState !== "visible" || Date.now() - lastAsked < REFRESH_AT_MOST_EVERY_MS) return;
      lastAsked = Date.now();
      fetch("/notifications/count", { credentials: "same-origin" })
        .then((response) => (response.ok ? (response.json() as Promise<{ count: number }>) : null))
        .then((answer) => {
          if (answer) setRefreshed({ over: count, count: answer.count });
        })
        .catch(() => {}); // Offline: the count shown stays until the next page.
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [count]);
  const shown = refreshed && refreshed.over === count ? refreshed.count : count;
  return (
    <Link
      to="/notifications"
      className={shown > 0 ? "notification-count notification-count--unread" : "notification-count"}
    >
      Notifications
      {shown > 0 ? (
        <>
          {" "}
          <span className="notification-count__badge" aria-hidden="true" data-testid="unread-count">
            {shown}
          </span>
          <span className="visually-hidden"> ({shown} unread)</span>
        </>
      ) : null}
    </Link>
  );
}
