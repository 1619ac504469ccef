/**
 * Reply rate against authenticity score: one point per score bucket, its 95% interval as a vertical
 * line, the shown points joined by a line (d3-shape) so the trend reads at a glance. Buckets under
 * the small-cell rule get no point, only "too few" under the axis.
 */
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import type { RateRow } from "~/models/insights.server";

const WIDTH = 400;
const HEIGHT = 240;
const M = { top: 12, right: 12, bottom: 52, left: 40 };

export function RateScatter({ rows, axisLabel }: { rows: RateRow[]; axisLabel: string }) {
  const x = scalePoint<string>()
    .domain(rows.map((r) => r.key))
    .range([M.left, WIDTH - M.right])
    .padding(0.5);
  const y = scaleLinear()
    .domain([0, 1])
    .range([HEIGHT - M.bottom, M.top]);
  const shown = rows.filter((r) => r.rate !== null);
  const path = line<RateRow>()
    .x((r) => x(r.key) ?? 0)
    .y((r) => y(r.rate!.share))(shown);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart__svg" aria-hidden="true" focusable="false">
      {y.ticks(4).map((tick) => (
        <g key={tick}>
          <line x1={M.left} x2={WIDTH - M.right} y1={y(tick)} y2={y(tick)} className="chart__grid" />
          <text x={M.left - 4} y={y(tick) + 4} textAnchor="end" className="chart__tick">
            {Math.round(tick * 100)}%
          </text>
        </g>
      ))}
      {path ? <path d={path} className="chart__line" /> : null}
      {rows.map((row) => {
        const cx = x(row.key) ?? 0;
        return (
          <g key={row.key}>
            {row.rate ? (
              <>
                <line x1={cx} x2={cx} y1={y(row.rate.low)} y2={y(row.rate.high)} className="chart__whisker" />
                <circle cx={cx} cy={y(row.rate.share)} r={5} className="chart__point" />
              </>
            ) : (
              <text x={cx} y={HEIGHT - M.bottom - 6} textAnchor="middle" className="chart__muted">
                too few
              </text>
            )}
            <text x={cx} y={HEIGHT - M.bottom + 16} textAnchor="middle" className="chart__tick">
              {row.key.replace("-", "–")}
            </text>
          </g>
        );
      })}
      <text x={(M.left + WIDTH - M.right) / 2} y={HEIGHT - 8} textAnchor="middle" className="chart__label">
        {axisLabel}
      </text>
    </svg>
  );
}
