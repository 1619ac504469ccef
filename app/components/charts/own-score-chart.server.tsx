/**
 * A member's scores over time, for their own page: one point per approach with votes, joined by a
 * line. Server only (d3 never reaches the browser): the page receives the SVG as HTML.
 */
import { scaleLinear, scaleTime } from "d3-scale";
import { line } from "d3-shape";
import type { OwnApproach } from "~/models/outcome.server";
import { formatDate } from "~/utils/format";

const WIDTH = 400;
const HEIGHT = 180;
const M = { top: 10, right: 12, bottom: 26, left: 40 };

export function ScoreChart({ approaches }: { approaches: OwnApproach[] }) {
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
