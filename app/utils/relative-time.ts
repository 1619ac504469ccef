/**
 * "3 h ago": how long ago a moment was, shortest first. Computed in the browser at reading time: visitors'
 * pages are cached, and a relative time written by the server would go stale there.
 *
 * Two places show it, from this one file: `RelativeTime` on pages the app runs on (a member's), and
 * `RELATIVE_TIME_SCRIPT` on pages that load none of the app's JavaScript (a visitor's reading pages,
 * decision 0019). The script carries the source of `relativeTime` and `showRelativeTimes` as they are,
 * so each must stay self-contained: nothing from outside its own body but browser globals.
 */

/** How the exact local time reads, on hover and for screen readers. */
export const LOCAL_TIME_OPTIONS: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };

/** The attribute that marks a `<time dateTime>` to be shown as a relative time. */
export const RELATIVE_TIME_ATTRIBUTE = "data-relative";

export function relativeTime(then: number, now: number): string {
  const units: [limit: number, size: number, unit: string][] = [
    [60_000, 1_000, "s"],
    [3_600_000, 60_000, "min"],
    [86_400_000, 3_600_000, "h"],
    [7 * 86_400_000, 86_400_000, "d"],
    [30 * 86_400_000, 7 * 86_400_000, "w"],
    [365 * 86_400_000, 30 * 86_400_000, "mo"],
  ];
  const ago = now - then;
  if (ago < 45_000) return "just now";
  for (const [limit, size, unit] of units) if (ago < limit) return `${Math.floor(ago / size)} ${unit} ago`;
  return `${Math.floor(ago / (365 * 86_400_000))} y ago`;
}

/**
 * Turns every marked `<time>` the server wrote (exact UTC) into what `RelativeTime` renders once hydrated:
 * the relative time, the exact local time as its title and, for screen readers, as hidden text.
 */
export function showRelativeTimes(
  root: Document,
  now: number,
  relative: (then: number, now: number) => string,
  options: Intl.DateTimeFormatOptions,
  attribute: string,
): void {
  const local = new Intl.DateTimeFormat(undefined, options);
  for (const time of Array.from(root.querySelectorAll<HTMLTimeElement>(`time[${attribute}]`))) {
    const at = Date.parse(time.dateTime);
    if (Number.isNaN(at)) continue;
    const exact = local.format(at);
    const hidden = root.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = ` (${exact})`;
    time.title = exact;
    time.textContent = relative(at, now);
    time.appendChild(hidden);
  }
}

/**
 * The inline script for pages without the app: both functions above, as written, run once over the page.
 * It sits at the end of <body>, so every <time> is already parsed. Constant, so a cached page's policy
 * can list its hash.
 */
export const RELATIVE_TIME_SCRIPT = `(${showRelativeTimes.toString()})(document,Date.now(),${relativeTime.toString()},${JSON.stringify(LOCAL_TIME_OPTIONS)},${JSON.stringify(RELATIVE_TIME_ATTRIBUTE)})`;
