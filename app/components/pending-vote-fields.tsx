/**
 * A visitor's vote waiting for an account (server/pending-vote.server.ts): what the sign-in and join
 * pages say about it, and the two fields that carry it through the form, from `?vote=&choice=`.
 */
import { useSearchParams } from "@remix-run/react";

export function usePendingVote(): { vote: string; choice: "authentic" | "not_authentic" } | null {
  const [searchParams] = useSearchParams();
  const vote = searchParams.get("vote");
  const choice = searchParams.get("choice");
  return vote && (choice === "authentic" || choice === "not_authentic") ? { vote, choice } : null;
}

export function PendingVoteFields({ action }: { action: "Sign in" | "Join" }) {
  const pending = usePendingVote();
  if (!pending) return null;
  return (
    <>
      <p className="notice" role="status">
        {action} to record your vote: “{pending.choice === "authentic" ? "Feels authentic" : "Doesn't feel authentic"}”.
        You will be taken back to the message.
      </p>
      <input type="hidden" name="vote" value={pending.vote} />
      <input type="hidden" name="choice" value={pending.choice} />
    </>
  );
}
