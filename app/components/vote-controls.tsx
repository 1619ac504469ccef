/**
 * "Feels authentic" / "Doesn't feel authentic" on an example message. A
 * plain form post without JavaScript (the server sends the member back to the
 * message); with it, a fetcher that updates at once and rolls back with the
 * server's message if the vote is refused.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { VoteView } from "~/models/vote.server";
import { VOTE_REASON_LABEL, VOTE_REASONS } from "~/utils/vote-reasons";
import { authenticShare } from "~/utils/wilson";
import type { VoteReason, VoteValue } from "../../db/schema";

interface Shown {
  mine: { value: VoteValue; reasons: VoteReason[] } | null;
  counts: { authentic: number; notAuthentic: number } | null;
  topReason: VoteReason | null;
}

type VoteResponse =
  { ok: true; state: { mine: Shown["mine"]; counts: Shown["counts"] } } | { ok: false; error: string };

function fromView(view: VoteView): Shown {
  return {
    mine: view.mine,
    counts: view.score ? { authentic: view.score.authentic, notAuthentic: view.score.notAuthentic } : null,
    topReason: view.score?.topReason ?? null,
  };
}

/** The state the member asked for, shown before the server answers. */
function optimistic(base: Shown, form: FormData): Shown {
  const choice = form.get("choice");
  const mine: Shown["mine"] =
    choice === "authentic"
      ? { value: "authentic", reasons: [] }
      : choice === "not_authentic"
        ? { value: "not_authentic", reasons: form.getAll("reasons") as VoteReason[] }
        : null;
  // Withdrawing hides the score again until the server answers (it sends counts only to voters).
  if (!base.counts || mine === null) return { ...base, mine, counts: mine === null ? null : base.counts };
  const counts = { ...base.counts };
  if (base.mine?.value === "authentic") counts.authentic -= 1;
  if (base.mine?.value === "not_authentic") counts.notAuthentic -= 1;
  if (mine?.value === "authentic") counts.authentic += 1;
  if (mine?.value === "not_authentic") counts.notAuthentic += 1;
  return { ...base, mine, counts };
}

export function Score({
  counts,
  topReason,
}: {
  counts: { authentic: number; notAuthentic: number };
  topReason: VoteReason | null;
}) {
  const total = counts.authentic + counts.notAuthentic;
  if (total === 0) return <span className="score">No votes yet</span>;
  return (
    <span className="score">
      <strong>{authenticShare(counts.authentic, total)}% feel authentic</strong> · {total}{" "}
      {total === 1 ? "vote" : "votes"}
      {topReason ? <> · most often: {VOTE_REASON_LABEL[topReason]}</> : null}
    </span>
  );
}

export function VoteControls({
  postId,
  anchor,
  returnTo,
  view,
}: {
  postId: number;
  anchor: string;
  returnTo: string;
  view: VoteView;
}) {
  const fetcher = useFetcher<VoteResponse>();
  const [confirmed, setConfirmed] = useState<Shown>(() => fromView(view));
  const [hydrated, setHydrated] = useState(false);
  // Whether the page has hydrated can only be learnt after the first render; a new view comes from a reload.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setHydrated(true), []);
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setConfirmed(fromView(view)), [view]);
  useEffect(() => {
    const answer = fetcher.data;
    if (answer?.ok) {
      // The vote's answer arrives from the fetcher, outside React's state.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setConfirmed((before) => ({
        mine: answer.state.mine,
        counts: answer.state.counts,
        topReason: before.topReason,
      }));
    }
  }, [fetcher.data]);

  const shown = fetcher.formData ? optimistic(confirmed, fetcher.formData) : confirmed;
  const refused = fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;
  const authentic = shown.mine?.value === "authentic";
  const notAuthentic = shown.mine?.value === "not_authentic";

  const myReasons = shown.mine?.value === "not_authentic" ? shown.mine.reasons : [];
  return (
    <div className="votes">
      <p className="votes__score" aria-live="polite">
        {shown.counts ? (
          <Score counts={shown.counts} topReason={shown.topReason} />
        ) : shown.mine !== null ? (
          <span className="score">Saving your vote…</span>
        ) : (
          <span className="meta">Vote to see how others rated it.</span>
        )}
        {myReasons.length > 0 ? (
          <span className="meta"> · You said: {myReasons.map((r) => VOTE_REASON_LABEL[r]).join(", ")}</span>
        ) : null}
      </p>
      {view.visitorMayVote ? (
        // A visitor's press goes to the sign-in page, which casts the vote and comes back to this message.
        <form method="get" action="/login" className="votes__form">
          <input type="hidden" name="redirectTo" value={`${returnTo.split("#")[0]}#${anchor}`} />
          <input type="hidden" name="vote" value={postId} />
          <div className="votes__buttons" role="group" aria-label="How does this message feel?">
            <button type="submit" name="choice" value="authentic" className="vote-button">
              Feels authentic
            </button>
            <button type="submit" name="choice" value="not_authentic" className="vote-button">
              Doesn't feel authentic
            </button>
          </div>
        </form>
      ) : null}
      {view.canVote ? (
        <fetcher.Form method="post" action={`/posts/${postId}/vote`} className="votes__form">
          <input type="hidden" name="returnTo" value={returnTo} />
          <input type="hidden" name="anchor" value={anchor} />
          {hydrated ? <input type="hidden" name="mode" value="fetch" /> : null}
          <div className="votes__buttons" role="group" aria-label="How does this message feel?">
            {/* aria-pressed alone says "selected": a label saying it too made screen readers say it twice. */}
            <button
              type="submit"
              name="choice"
              value={authentic ? "withdraw" : "authentic"}
              aria-pressed={authentic}
              className="vote-button"
            >
              Feels authentic
            </button>
            <button
              type="submit"
              name="choice"
              value={notAuthentic ? "withdraw" : "not_authentic"}
              aria-pressed={notAuthentic}
              className="vote-button"
            >
              Doesn't feel authentic
            </button>
          </div>
          {/* The reasons ride with the one "Doesn't feel authentic" button above; ticking them changes nothing alone. */}
          <details className="votes__reasons">
            <summary>Reasons it doesn't feel authentic (optional, sent with that button)</summary>
            <fieldset>
              <legend className="visually-hidden">Reasons</legend>
              {VOTE_REASONS.map((reason) => (
                <label key={reason} className="choice choice--inline">
                  <input type="checkbox" name="reasons" value={reason} defaultChecked={myReasons.includes(reason)} />{" "}
                  {VOTE_REASON_LABEL[reason]}
                </label>
              ))}
              {notAuthentic ? (
                <button type="submit" name="choice" value="not_authentic" className="secondary button--small">
                  Update my reasons
                </button>
              ) : null}
            </fieldset>
          </details>
          {refused ? (
            <p className="field-error" role="alert">
              {refused}
            </p>
          ) : null}
        </fetcher.Form>
      ) : null}
    </div>
  );
}
