/**
 * "3 h ago": how long ago a moment was, shortest first. Pure, so the browser computes it at reading
 * time: visitors' pages are cached, and a relative time written by the server would go stale there.
 */
const UNITS: [limit: number, size: number, unit: string][] = [
  [60_000, 1_000, "s"],
  [3_600_000, 60_000, "min"],
  [86_400_000, 3_600_000, "h"],
  [7 * 86_400_000, 86_400_000, "d"],
  [30 * 86_400_000, 7 * 86_400_000, "w"],
  [365 * 86_400_000, 30 * 86_400_000, "mo"],
];

export function relativeTime(then: number, now: number): string {
  const ago = now - then;
  if (ago < 45_000) return "just now";
  for (const [limit, size, unit] of UNITS) if (ago < limit) return `${Math.floor(ago / size)} ${unit} ago`;
  return `${Math.floor(ago / (365 * 86_400_000))} y ago`;
}
