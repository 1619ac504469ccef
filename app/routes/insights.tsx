/**
 * /insights (issue 19): what came of the approaches members shared, for everyone, from anonymised
 * counts only. Every chart has a one-line finding and the table behind it; no count of fewer than
 * five messages is shown (utils/small-cell.ts). Read from aggregates kept by the writes, never from
 * the posts (decision 0018).
 */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChartFigure, RateCell } from "~/components/charts/chart-figure";
import { drawInsightCharts } from "~/components/charts/draw.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getDb } from "~/db.server";
import { loadInsights, type RateRow } from "~/models/insights.server";
import insightStyles from "~/styles/insights.css";
import { formatDate } from "~/utils/format";
import { sendInHtmlOnly } from "~/utils/hydration";
import { compareFinding, threadFinding, weekFinding } from "~/utils/insight-findings";
import { SMALL_CELL } from "~/utils/small-cell";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: insightStyles }];

const featureId = (title: string) => `feature-${title.toLowerCase().replace(/\W+/g, "-")}`;

export async function loader({ context }: LoaderFunctionArgs) {
  const insights = await loadInsights(getDb());
  const charts = drawInsightCharts(
    insights,
    insights.byFeature.map((f) => featureId(f.title)),
  );
  // The SVG is in the page's HTML; the hydration data leaves it out (utils/hydration.ts).
  return { ...insights, charts: sendInHtmlOnly(context, charts, "svg") };
}

function RateTable({ caption, head, rows }: { caption: string; head: string; rows: RateRow[] }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col">Got a reply</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <RateCell rate={row.rate} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Insights() {
  const { byThread, byScore, byFeature, weeks, charts } = useLoaderData<typeof loader>();
  const svg = (id: string) => charts.find((c) => c.id === id)?.svg;
  return (
    <article className="insights" aria-labelledby="insights-title">
      <h1 id="insights-title">What came of it</h1>
      <p>
        Votes say what <em>feels</em> authentic; outcomes say what <em>worked</em>. Members record what came of the
        messages they sent: no answer, declined, replied, a conversation, a meeting. A reply rate here is the share of
        approaches with a settled outcome (not “no answer yet”) that got a reply, a conversation or a meeting, with its
        95% interval. Any group of fewer than {SMALL_CELL} messages is not shown, so no one member’s outcome can be
        singled out.
      </p>

      <ChartFigure id="threads" title="Reply rate by thread" finding={threadFinding(byThread)} svg={svg("threads")}>
        <RateTable caption="Reply rate of approaches by thread" head="Thread" rows={byThread} />
      </ChartFigure>

      <ChartFigure
        id="score"
        title="Authenticity against replies"
        finding={compareFinding(
          byScore.filter((r) => r.key !== "few-votes"),
          "messages by how authentic they feel",
        )}
        svg={svg("score")}
      >
        <RateTable caption="Reply rate by authenticity score" head="Score" rows={byScore} />
      </ChartFigure>

      {byFeature.map((feature) => (
        <ChartFigure
          key={feature.title}
          id={featureId(feature.title)}
          title={`Reply rate by ${feature.title.toLowerCase()}`}
          finding={compareFinding(feature.rows, `approaches by ${feature.title.toLowerCase()}`)}
          svg={svg(featureId(feature.title))}
        >
          <RateTable
            caption={`Reply rate by ${feature.title.toLowerCase()}`}
            head={feature.title}
            rows={feature.rows}
          />
        </ChartFigure>
      ))}

      <ChartFigure
        id="weeks"
        title="Votes and new example messages per week"
        finding={weekFinding(weeks)}
        svg={svg("weeks")}
      >
        <table>
          <caption>Votes and new example messages per week (weeks start on Monday, UTC)</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Votes</th>
              <th scope="col">New example messages</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{formatDate(week.weekStart)}</th>
                <td>{week.votes}</td>
                <td>{week.examples}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
      <p>
        <Link to="/">Back to the threads</Link>
      </p>
    </article>
  );
}

export const meta: MetaFunction = () => [
  { title: "What came of it: insights · Beyond Hello" },
  { name: "description", content: "Reply rates of shared approaches, by thread, authenticity and simple features." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
