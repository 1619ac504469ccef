/**
 * A vote pressed by a visitor: the thread page sends them to sign in with the post and the choice, and
 * the sign-in casts it (the same permission checks as any vote, in castVote), so they land back on
 * the message with their vote recorded. A refused vote (their own message, a locked thread) is
 * simply not cast: the message then shows why there are no buttons.
 */
import { getDb } from "~/db.server";
import { castVote } from "~/models/vote.server";
import { idSchema } from "~/server/validation.server";

export interface PendingVote {
  postId: number;
  value: "authentic" | "not_authentic";
}

export function pendingVote(form: FormData): PendingVote | null {
  const postId = idSchema.safeParse(form.get("vote"));
  const choice = form.get("choice");
  if (!postId.success || (choice !== "authentic" && choice !== "not_authentic")) return null;
  return { postId: postId.data, value: choice };
}

export async function castPendingVote(user: { id: number }, vote: PendingVote): Promise<void> {
  await castVote(getDb(), {
    postId: vote.postId,
    userId: user.id,
    choice: vote.value === "authentic" ? { value: "authentic" } : { value: "not_authentic", reasons: [] },
    // The answer is not shown: the redirect reloads the message.
    alwaysSeesCounts: false,
  });
}
