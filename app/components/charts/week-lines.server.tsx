/**
 * Votes and new example messages per week, as two lines (d3-shape) over the weeks shown, each
 * labelled at its end so the picture needs no colour key.
 */
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";
import type { WeekRow } from "~/models/insights.server";

const WIDTH = 400;
const HEIGHT = 220;
const M = { top: 12, right: 70, bottom: 28, left: 36 };

export function WeekLines({ weeks }: { weeks: WeekRow[] }) {
  const x = scalePoint<number>()
    .domain(weeks.map((w) => w.weekStart))
    .range([M.left, WIDTH - M.right]);
  const top = Math.max(4, ...weeks.map((w) => Math.max(w.votes, w.examples)));
  const y = scaleLinear()
    .domain([0, top])
    .nice()
    .range([HEIGHT - M.bottom, M.top]);
  const series = [
    { name: "votes", className: "chart__line", value: (w: WeekRow) => w.votes },
    { name: "messages", className: "chart__line chart__line--second", value: (w: WeekRow) => w.examples },
  ];
  const last = weeks[weeks.length - 1];
  const label = (ms: number) => new Date(ms).toISOString().slice(5, 10);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart__svg" aria-hidden="true" focusable="false">
      {y.ticks(4).map((tick) => (
        <g key={tick}>
          <line x1={M.left} x2={WIDTH - M.right} y1={y(tick)} y2={y(tick)} className="chart__grid" />
          <text x={M.left - 4} y={y(tick) + 4} textAnchor="end" className="chart__tick">
            {tick}
          </text>
        </g>
      ))}
      {series.map((s) => (
        <g key={s.name}>
          <path
            d={
              line<WeekRow>()
                .x((w) => x(w.weekStart) ?? 0)
                .y((w) => y(s.value(w)))(weeks) ?? ""
            }
            className={s.className}
          />
          {last ? (
            <text x={WIDTH - M.right + 6} y={y(s.value(last)) + 4} className="chart__label">
              {s.name}
            </text>
          ) : null}
        </g>
      ))}
      {weeks
        .filter((_, i) => i % 3 === 0)
        .map((w) => (
          <text key={w.weekStart} x={x(w.weekStart)} y={HEIGHT - 8} textAnchor="middle" className="chart__tick">
            {label(w.weekStart)}
          </text>
        ))}
    </svg>
  );
}
