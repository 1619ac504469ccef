/**
 * On a member's own page, for them only (issue 19): their approaches' scores over time as a small
 * server-drawn chart, and the table behind it with what came of each, and the links to record it.
 */
import { scaleLinear, scaleTime } from "d3-scale";
import { line } from "d3-shape";
import type { OwnApproach } from "~/models/outcome.server";
import { formatDate } from "~/utils/format";
import { outcomeSummary } from "~/utils/outcomes";
import { postHref } from "~/utils/paging";

const WIDTH = 400;
const HEIGHT = 180;
const M = { top: 10, right: 12, bottom: 26, left: 40 };

function ScoreChart({ approaches }: { approaches: OwnApproach[] }) {
  const scored = approaches.filter((a) => a.votes > 0).sort((a, b) => a.sharedAt - b.sharedAt);
  if (scored.length < 2) return null;
  const x = scaleTime()
    .domain([new Date(scored[0].sharedAt), new Date(scored[scored.length - 1].sharedAt)])
    .range([M.left, WIDTH - M.right]);
  const y = scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - M.bottom, M.top]);
  const share = (a: OwnApproach) => a.authentic / a.votes;
  const path = line<OwnApproach>()
    .x((a) => x(new Date(a.sharedAt)))
    .y((a) => y(share(a)))(scored);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart__svg" aria-hidden="true" focusable="false">
      {[0, 0.5, 1].map((tick) => (
        <g key={tick}>
          <line x1={M.left} x2={WIDTH - M.right} y1={y(tick)} y2={y(tick)} className="chart__grid" />
          <text x={M.left - 4} y={y(tick) + 4} textAnchor="end" className="chart__tick">
            {tick * 100}%
          </text>
        </g>
      ))}
      {path ? <path d={path} className="chart__line" /> : null}
      {scored.map((a) => (
        <circle key={a.id} cx={x(new Date(a.sharedAt))} cy={y(share(a))} r={4} className="chart__point" />
      ))}
      {x.ticks(3).map((tick) => (
        <text key={tick.getTime()} x={x(tick)} y={HEIGHT - 6} textAnchor="middle" className="chart__tick">
          {formatDate(tick.getTime())}
        </text>
      ))}
    </svg>
  );
}

export function OwnOutcomes({ approaches, returnTo }: { approaches: OwnApproach[]; returnTo: string }) {
  return (
    <section className="outcome-history" aria-labelledby="own-outcomes-title">
      <h2 id="own-outcomes-title">Your messages: how they felt and what came of them</h2>
      <p className="meta">Only you see this section. Scores are the share of votes saying “feels authentic”.</p>
      {approaches.length === 0 ? (
        <p>You have not shared a message you sent yet.</p>
      ) : (
        <>
          <ScoreChart approaches={approaches} />
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
