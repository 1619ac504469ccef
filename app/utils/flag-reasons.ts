/**
 * Why a member flags a post: the one list. The schema's type, the flag schema's enum and the labels
 * derive from it (the first migration's CHECK is frozen, as migrations are).
 */
export const FLAG_REASONS = ["not_anonymised", "spam", "abusive", "off_topic"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** In the words the flag form and the moderators' queue use. */
export const FLAG_REASON_LABEL: Record<FlagReason, string> = {
  not_anonymised: "Not properly anonymised: it still names or identifies someone",
  spam: "Spam",
  abusive: "Abusive or harassing",
  off_topic: "Off topic",
};

/** "Not properly anonymised" only makes sense for example messages; comments are not anonymised. */
export function flagReasonsFor(kind: "comment" | "approach" | "received_reply"): FlagReason[] {
  return kind === "comment" ? FLAG_REASONS.filter((r) => r !== "not_anonymised") : [...FLAG_REASONS];
}
