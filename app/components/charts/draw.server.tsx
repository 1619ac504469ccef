/**
 * The charts, drawn once on the server into SVG markup (react-dom's static renderer). Pages receive
 * the markup as HTML, so d3 and the chart components never reach the browser: no chart JavaScript.
 */
import { renderToStaticMarkup } from "react-dom/server";
import type { Insights } from "~/models/insights.server";
import type { OwnApproach } from "~/models/outcome.server";
import { ScoreChart } from "./own-score-chart.server";
import { RateBars } from "./rate-bars.server";
import { RateScatter } from "./rate-scatter.server";
import { WeekLines } from "./week-lines.server";

export interface DrawnChart {
  id: string;
  svg: string;
}

/** The SVG of every chart of /insights, by the id of its section. */
export function drawInsightCharts(insights: Insights, featureIds: string[]): DrawnChart[] {
  return [
    { id: "threads", svg: renderToStaticMarkup(<RateBars rows={insights.byThread} />) },
    {
      id: "score",
      svg: renderToStaticMarkup(
        <RateScatter
          rows={insights.byScore.filter((r) => r.key !== "few-votes")}
          axisLabel="share of votes saying “feels authentic”"
        />,
      ),
    },
    ...insights.byFeature.map((feature, i) => ({
      id: featureIds[i],
      svg: renderToStaticMarkup(<RateBars rows={feature.rows} />),
    })),
    { id: "weeks", svg: renderToStaticMarkup(<WeekLines weeks={insights.weeks} />) },
  ];
}

/** A member's scores over time; null with fewer than two scored approaches (no line to draw). */
export function drawOwnScoreChart(approaches: OwnApproach[]): string | null {
  return approaches.filter((a) => a.votes > 0).length < 2
    ? null
    : renderToStaticMarkup(<ScoreChart approaches={approaches} />);
}
