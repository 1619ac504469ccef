/**
 * What came of an approach, as a small status under it ("Replied · 3 days later", with the date it
 * was recorded), and for its author the link to record or change it. Nothing shows until the author
 * records one: an outcome is private until set.
 */
import type { Outcome } from "~/models/outcome.server";
import { formatDate } from "~/utils/format";
import { outcomeSummary } from "~/utils/outcomes";

export type OutcomeShown = Pick<Outcome, "status" | "happenedAt" | "updatedAt">;

export function OutcomeStatus({
  postId,
  postNumber,
  sharedAt,
  outcome,
  isAuthor,
  returnTo,
}: {
  postId: number;
  postNumber: number;
  sharedAt: number;
  outcome: OutcomeShown | null;
  isAuthor: boolean;
  returnTo: string;
}) {
  if (!outcome && !isAuthor) return null;
  const href = `/posts/${postId}/outcome?${new URLSearchParams({ returnTo })}`;
  return (
    <p className="outcome">
      {outcome ? (
        <>
          <span className={`outcome__status outcome--${outcome.status}`}>
            <span className="visually-hidden">What came of it: </span>
            {outcomeSummary(outcome.status, outcome.happenedAt, sharedAt)}
          </span>{" "}
          <span className="meta">
            (recorded <time dateTime={new Date(outcome.updatedAt).toISOString()}>{formatDate(outcome.updatedAt)}</time>)
          </span>
        </>
      ) : null}
      {isAuthor ? (
        <>
          {" "}
          <a href={href}>
            {outcome ? "Change what came of it" : "Record what came of it"}
            <span className="visually-hidden"> (post #{postNumber})</span>
          </a>
        </>
      ) : null}
    </p>
  );
}
