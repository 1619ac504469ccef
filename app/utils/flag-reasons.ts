/** Why a member flags a post, in the words the flag form and the moderators' queue use. */
import type { FlagReason } from "../../db/schema";

export const FLAG_REASON_LABEL: Record<FlagReason, string> = {
  not_anonymised: "Not properly anonymised: it still names or identifies someone",
  spam: "Spam",
  abusive: "Abusive or harassing",
  off_topic: "Off topic",
};

/** "Not properly anonymised" only makes sense for example messages; comments are not anonymised. */
export function flagReasonsFor(kind: "comment" | "approach" | "received_reply"): FlagReason[] {
  const all = Object.keys(FLAG_REASON_LABEL) as FlagReason[];
  return kind === "comment" ? all.filter((r) => r !== "not_anonymised") : all;
}
