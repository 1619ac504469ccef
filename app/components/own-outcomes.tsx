/**
 * On a member's own page, for them only (issue 19): their approaches' scores over time as a small
 * server-drawn chart (own-score-chart.server.tsx, sent as HTML), and the table behind it with what
 * came of each, and the links to record it.
 */
import type { OwnApproach } from "~/models/outcome.server";
import { formatDate } from "~/utils/format";
import { outcomeSummary } from "~/utils/outcomes";
import { postHref } from "~/utils/paging";
import { ServerHtml } from "./server-html";

export function OwnOutcomes({
  approaches,
  chart,
  returnTo,
}: {
  approaches: OwnApproach[];
  /** The chart's SVG, drawn on the server; undefined in the browser's first render (it is in the page). */
  chart: string | null | undefined;
  returnTo: string;
}) {
  return (
    <section className="outcome-history" aria-labelledby="own-outcomes-title">
      <h2 id="own-outcomes-title">Your messages: how they felt and what came of them</h2>
      <p className="meta">Only you see this section. Scores are the share of votes saying “feels authentic”.</p>
      {approaches.length === 0 ? (
        <p>You have not shared a message you sent yet.</p>
      ) : (
        <>
          {chart !== null ? <ServerHtml id="own-score-chart" className="chart__picture" html={chart} /> : null}
          <table className="outcome-history__table">
            <caption>Your messages sent, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Feels authentic</th>
                <th scope="col">What came of it</th>
              </tr>
            </thead>
            <tbody>
              {approaches.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <a href={postHref(a.thread.slug, a.number)}>
                      #{a.number} in {a.thread.title}
                    </a>
                    <br />
                    <span className="meta">{formatDate(a.sharedAt)}</span>
                  </th>
                  <td>
                    {a.votes === 0 ? "no votes yet" : `${Math.round((100 * a.authentic) / a.votes)}% of ${a.votes}`}
                  </td>
                  <td>
                    {a.outcome ? outcomeSummary(a.outcome.status, a.outcome.happenedAt, a.sharedAt) : "not recorded"}{" "}
                    <a href={`/posts/${a.id}/outcome?${new URLSearchParams({ returnTo })}`}>
                      {a.outcome ? "Change" : "Record"}
                      <span className="visually-hidden">
                        {" "}
                        what came of #{a.number} in {a.thread.title}
                      </span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
