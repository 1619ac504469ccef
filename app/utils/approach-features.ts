/**
 * The simple features /insights compares outcomes by, read from an approach's (anonymised) words,
 * and the buckets the charts group by. Pure, so the aggregates and their recount share them.
 */

export const LENGTH_BUCKETS = ["short", "medium", "long"] as const;
export type LengthBucket = (typeof LENGTH_BUCKETS)[number];
export const LENGTH_LABEL: Record<LengthBucket, string> = {
  short: "Under 40 words",
  medium: "40–99 words",
  long: "100 words or more",
};

export function lengthBucket(text: string): LengthBucket {
  const words = text.split(/\s+/).filter(Boolean).length;
  return words < 40 ? "short" : words < 100 ? "medium" : "long";
}

export function asksQuestion(text: string): boolean {
  return /[?？¿]/.test(text);
}

// Offering to meet, in person or on a call: the article's sixth prompt.
const MEETING = /\b(meet|meeting|coffee|lunch|call|chat|zoom|teams|catch up|in person)\b/i;

export function mentionsMeeting(text: string): boolean {
  return MEETING.test(text);
}

/** An approach's authenticity is bucketed only once it has this many votes: one vote is not a score. */
export const SCORE_MIN_VOTES = 3;
export const SCORE_BUCKETS = ["0-20", "20-40", "40-60", "60-80", "80-100"] as const;
export const NO_SCORE = "few-votes";

export function scoreBucket(authentic: number, notAuthentic: number): string {
  const total = authentic + notAuthentic;
  if (total < SCORE_MIN_VOTES) return NO_SCORE;
  return SCORE_BUCKETS[Math.min(4, Math.floor((5 * authentic) / total))];
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;
// 1970-01-05 was a Monday: weeks start on Monday, 00:00 UTC.
const FIRST_MONDAY = 4 * DAY;

export function weekStart(ms: number): number {
  return ms - ((((ms - FIRST_MONDAY) % WEEK) + WEEK) % WEEK);
}
