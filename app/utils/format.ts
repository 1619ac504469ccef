/** How times and counts read on the page. */

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

// Intl formatting costs several microseconds a call, and a thread page formats each post's time
// twice; times are shown to the minute, so each minute is formatted once and remembered.
const formattedMinutes = new Map<number, string>();

export function formatDateTime(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  let text = formattedMinutes.get(minute);
  if (text === undefined) {
    if (formattedMinutes.size >= 10_000) formattedMinutes.clear();
    text = `${dateTime.format(minute * 60_000)} UTC`;
    formattedMinutes.set(minute, text);
  }
  return text;
}

export function formatDate(ms: number): string {
  return dateOnly.format(ms);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}
