/**
 * A moment in time. The server writes the exact UTC time (so a page without JavaScript, or a cached
 * one, is always right); in the browser it shows "3 h ago" from the reader's own clock, with the exact
 * local time on hover (title) and for screen readers (hidden text). On a page the app runs on, this
 * component does that once hydrated; on a page without the app (a visitor's reading page), the inline
 * RELATIVE_TIME_SCRIPT does the same to every <time> marked here (app/utils/relative-time.ts).
 */
import { useEffect, useState } from "react";
import { formatDateTime } from "~/utils/format";
import { LOCAL_TIME_OPTIONS, RELATIVE_TIME_ATTRIBUTE, relativeTime } from "~/utils/relative-time";

const localTime = new Intl.DateTimeFormat(undefined, LOCAL_TIME_OPTIONS);
const marked = { [RELATIVE_TIME_ATTRIBUTE]: "" };

export function RelativeTime({ at }: { at: number }) {
  const [now, setNow] = useState<number | null>(null);
  // The clock is read after hydration only: the first render must match the server's HTML.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setNow(Date.now()), []);
  const iso = new Date(at).toISOString();
  if (now === null)
    return (
      <time dateTime={iso} {...marked}>
        {formatDateTime(at)}
      </time>
    );
  const exact = localTime.format(at);
  return (
    <time dateTime={iso} title={exact} {...marked}>
      {relativeTime(at, now)}
      <span className="visually-hidden"> ({exact})</span>
    </time>
  );
}
