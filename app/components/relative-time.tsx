/**
 * A moment in time. The server writes the exact UTC time (so a page without JavaScript, or a cached
 * one, is always right); once the page has hydrated, the browser shows "3 h ago" from its own clock,
 * with the exact local time on hover (title) and for screen readers (hidden text).
 */
import { useEffect, useState } from "react";
import { formatDateTime } from "~/utils/format";
import { relativeTime } from "~/utils/relative-time";

const localTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function RelativeTime({ at }: { at: number }) {
  const [now, setNow] = useState<number | null>(null);
  // The clock is read after hydration only: the first render must match the server's HTML.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setNow(Date.now()), []);
  const iso = new Date(at).toISOString();
  if (now === null) return <time dateTime={iso}>{formatDateTime(at)}</time>;
  const exact = localTime.format(at);
  return (
    <time dateTime={iso} title={exact}>
      {relativeTime(at, now)}
      <span className="visually-hidden"> ({exact})</span>
    </time>
  );
}
