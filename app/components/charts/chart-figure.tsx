/**
 * One chart of /insights: its title, a one-line finding, the picture, and the table behind it.
 * The picture is drawn on the server as SVG (no chart JavaScript reaches the browser) and hidden from
 * screen readers, who get the table, as do readers without JavaScript, printers, and anyone who
 * prefers numbers.
 */
import { ServerHtml } from "~/components/server-html";

export function ChartFigure({
  id,
  title,
  finding,
  svg,
  children,
}: {
  id: string;
  title: string;
  finding: string;
  /** The chart's SVG, drawn on the server (draw.server.tsx); undefined in the browser's first render. */
  svg: string | undefined;
  /** The table: the same numbers as the picture. */
  children: React.ReactNode;
}) {
  return (
    <section className="chart" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="chart__finding">{finding}</p>
      <ServerHtml id={`${id}-picture`} className="chart__picture" html={svg} />
      <div className="chart__table">{children}</div>
    </section>
  );
}

/** A rate as the tables write it: "60% (6 of 10; 31–83%)", or "too few to show". */
export function RateCell({
  rate,
}: {
  rate: { replied: number; messages: number; share: number; low: number; high: number } | null;
}) {
  if (!rate) return <td className="chart__hidden">too few to show</td>;
  const pc = (x: number) => Math.round(x * 100);
  return (
    <td>
      {pc(rate.share)}%{" "}
      <span className="meta">
        ({rate.replied} of {rate.messages}; 95% interval {pc(rate.low)}–{pc(rate.high)}%)
      </span>
    </td>
  );
}
