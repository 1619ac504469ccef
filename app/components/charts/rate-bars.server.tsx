/**
 * Reply rates as horizontal bars, one a row, each with its 95% interval as a whisker. The label sits
 * above its bar rather than beside it, so long thread titles fit a phone. A row under the small-cell
 * rule is drawn as "too few to show", never as a bar. Scales from d3-scale; drawn on the server.
 */
import { scaleBand, scaleLinear } from "d3-scale";
import type { RateRow } from "~/models/insights.server";
import { TOO_FEW } from "~/utils/small-cell";

const WIDTH = 400;
const ROW = 44;
const LEFT = 4;
const RIGHT = 44;

export function RateBars({ rows }: { rows: RateRow[] }) {
  const height = rows.length * ROW + 20;
  const x = scaleLinear()
    .domain([0, 1])
    .range([LEFT, WIDTH - RIGHT]);
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.key))
    .range([0, rows.length * ROW]);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${height}`}
      className="chart__svg"
      aria-hidden="true"
      focusable="false"
      preserveAspectRatio="xMinYMin meet"
    >
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={0} y2={rows.length * ROW} className="chart__grid" />
          <text x={x(tick)} y={height - 4} textAnchor="middle" className="chart__tick">
            {Math.round(tick * 100)}%
          </text>
        </g>
      ))}
      {rows.map((row) => {
        const top = y(row.key) ?? 0;
        return (
          <g key={row.key}>
            <text x={LEFT} y={top + 14} className="chart__label">
              {row.label.length > 60 ? `${row.label.slice(0, 59)}…` : row.label}
            </text>
            {row.rate ? (
              <>
                <rect x={x(0)} y={top + 20} width={x(row.rate.share) - x(0)} height={14} className="chart__bar" />
                <line
                  x1={x(row.rate.low)}
                  x2={x(row.rate.high)}
                  y1={top + 27}
                  y2={top + 27}
                  className="chart__whisker"
                />
                <text x={x(1) + 4} y={top + 32} className="chart__value">
                  {Math.round(row.rate.share * 100)}%
                </text>
              </>
            ) : (
              <text x={LEFT} y={top + 32} className="chart__muted">
                {TOO_FEW}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
