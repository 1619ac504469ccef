/**
 * What came of an approach (issue 19): the one list. The schema's type, the outcome form's schema and
 * the labels derive from it (the migration's CHECK is frozen, as migrations are).
 */
import { formatDate } from "./format";

export const OUTCOME_STATUSES = ["no_answer_yet", "no_answer", "declined", "replied", "conversation", "met"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const OUTCOME_LABEL: Record<OutcomeStatus, string> = {
  no_answer_yet: "No answer yet",
  no_answer: "No answer after two weeks",
  declined: "Declined",
  replied: "Replied",
  conversation: "A conversation",
  met: "Met",
};

/** Which message of the approach this was: the first, or which follow-up. */
export const FOLLOW_UP_LABEL = ["First message", "First follow-up", "Second follow-up", "Third follow-up or later"];

/** Outcomes in which the other person answered. */
export function gotReply(status: string): boolean {
  return status === "replied" || status === "conversation" || status === "met";
}

/**
 * Whether the outcome is settled enough to count in a reply rate: "no answer yet" is still open, so
 * counting it would lower the rate of every thread where people record early.
 */
export function isSettled(status: string): boolean {
  return status !== "no_answer_yet";
}

const DAY = 86_400_000;

/** "Replied · 3 days later" (after the approach was shared), or "Replied · 2 Dec 2026" when it came first. */
export function outcomeSummary(status: OutcomeStatus, happenedAt: number, sharedAt: number): string {
  if (status === "no_answer_yet") return OUTCOME_LABEL[status];
  const days = Math.floor(happenedAt / DAY) - Math.floor(sharedAt / DAY);
  const when =
    days < 0 ? formatDate(happenedAt) : days === 0 ? "the same day" : `${days} day${days === 1 ? "" : "s"} later`;
  return `${OUTCOME_LABEL[status]} · ${when}`;
}
