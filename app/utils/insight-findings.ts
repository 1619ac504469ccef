/**
 * The one-line finding above each chart of /insights, worked out from the rows the chart draws (so
 * only from cells that pass the small-cell rule). Pure, so it is tested beside the code.
 */
import { percent, type Rate } from "./reply-rate";

interface Row {
  label: string;
  rate: Rate | null;
}

const shown = (rows: Row[]) => rows.filter((r): r is Row & { rate: Rate } => r.rate !== null);

export function threadFinding(rows: Row[]): string {
  const rated = shown(rows).sort((a, b) => b.rate.share - a.rate.share);
  if (rated.length === 0) return "Too few outcomes are recorded yet to show any thread's reply rate.";
  const best = rated[0];
  if (rated.length === 1)
    return `In “${best.label}”, ${percent(best.rate.share)} of ${best.rate.messages} approaches with a settled outcome got a reply.`;
  const worst = rated[rated.length - 1];
  return `Replies came most often in “${best.label}” (${percent(best.rate.share)} of ${best.rate.messages}) and least in “${worst.label}” (${percent(worst.rate.share)} of ${worst.rate.messages}).`;
}

/** Compares the first and last shown rows (low score against high, or "yes" against "no"). */
export function compareFinding(rows: Row[], subject: string): string {
  const rated = shown(rows);
  if (rated.length < 2) return `Too few outcomes are recorded yet to compare ${subject}.`;
  const [a, b] = [rated[0], rated[rated.length - 1]];
  const overlap = a.rate.low <= b.rate.high && b.rate.low <= a.rate.high;
  return `${a.label}: ${percent(a.rate.share)} got a reply; ${b.label}: ${percent(b.rate.share)}${
    overlap ? " (the intervals overlap, so the difference may be chance)" : ""
  }.`;
}

export function weekFinding(weeks: { votes: number; examples: number }[]): string {
  const votes = weeks.reduce((n, w) => n + w.votes, 0);
  const examples = weeks.reduce((n, w) => n + w.examples, 0);
  return `${votes.toLocaleString("en-GB")} votes and ${examples.toLocaleString("en-GB")} new example messages in the last ${weeks.length} weeks.`;
}
