/** Why a message does not feel authentic, in the words the vote form and the score use. */
import type { VoteReason } from "../../db/schema";

export const VOTE_REASON_LABEL: Record<VoteReason, string> = {
  invasive: "too invasive",
  templated: "feels templated",
  pushy: "pushy",
  entitled: "entitled",
  other: "other",
};

export const VOTE_REASONS = Object.keys(VOTE_REASON_LABEL) as VoteReason[];
