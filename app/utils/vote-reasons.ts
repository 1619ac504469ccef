/**
 * Why a message does not feel authentic: the one list. The schema's type, the vote schema's enum and
 * the labels derive from it (the first migration's CHECK is frozen, as migrations are).
 */
export const VOTE_REASONS = ["invasive", "templated", "pushy", "entitled", "other"] as const;
export type VoteReason = (typeof VOTE_REASONS)[number];

/** In the words the vote form and the score use. */
export const VOTE_REASON_LABEL: Record<VoteReason, string> = {
  invasive: "too invasive",
  templated: "feels templated",
  pushy: "pushy",
  entitled: "entitled",
  other: "other",
};
