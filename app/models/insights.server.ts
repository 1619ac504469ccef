/**
 * What /insights shows, read from the aggregates (insight-aggregates.server.ts): a few hundred small
 * rows at most, never the posts. Every rate passes the small-cell rule here, on the server, so a
 * hidden count never reaches the page or its data.
 */
import type { Kysely } from "kysely";
import {
  LENGTH_BUCKETS,
  LENGTH_LABEL,
  NO_SCORE,
  SCORE_BUCKETS,
  SCORE_MIN_VOTES,
  weekStart,
} from "~/utils/approach-features";
import { FOLLOW_UP_LABEL, gotReply, isSettled } from "~/utils/outcomes";
import { replyRate, type Rate } from "~/utils/reply-rate";
import { canShow } from "~/utils/small-cell";
import type { Database } from "../../db/schema";

/** One row of a rate chart; `rate` is null when the cell has fewer than five messages. */
export interface RateRow {
  key: string;
  label: string;
  rate: Rate | null;
}

export interface WeekRow {
  weekStart: number;
  votes: number;
  examples: number;
}

export const WEEKS_SHOWN = 12;
const WEEK = 7 * 86_400_000;

function rates(cells: { key: string; outcome: string; messages: number }[]) {
  const byKey = new Map<string, { replied: number; settled: number }>();
  for (const cell of cells) {
    if (!isSettled(cell.outcome)) continue;
    const entry = byKey.get(cell.key) ?? { replied: 0, settled: 0 };
    entry.settled += cell.messages;
    if (gotReply(cell.outcome)) entry.replied += cell.messages;
    byKey.set(cell.key, entry);
  }
  return (key: string, label: string): RateRow => {
    const entry = byKey.get(key);
    return { key, label, rate: entry && canShow(entry.settled) ? replyRate(entry.replied, entry.settled) : null };
  };
}

export async function loadInsights(db: Kysely<Database>, now = Date.now()) {
  const [cells, threads] = await Promise.all([
    db.selectFrom("insight_cell").select(["chart", "key", "outcome", "messages"]).where("messages", ">", 0).execute(),
    db.selectFrom("thread").select(["id", "slug", "title"]).orderBy("id").execute(),
  ]);
  const chart = (name: string) => cells.filter((cell) => cell.chart === name);

  const threadRate = rates(chart("thread"));
  const byThread = threads.map((t) => ({ ...threadRate(String(t.id), t.title), slug: t.slug }));

  const scoreRate = rates(chart("score"));
  const byScore = [
    ...SCORE_BUCKETS.map((bucket) => scoreRate(bucket, `${bucket.replace("-", "–")}% feel authentic`)),
    scoreRate(NO_SCORE, `Fewer than ${SCORE_MIN_VOTES} votes`),
  ];

  const lengthRate = rates(chart("length"));
  const questionRate = rates(chart("question"));
  const meetingRate = rates(chart("meeting"));
  const followUpRate = rates(chart("followup"));
  const byFeature = [
    { title: "Length", rows: LENGTH_BUCKETS.map((b) => lengthRate(b, LENGTH_LABEL[b])) },
    { title: "Asks a question", rows: [questionRate("yes", "Asks a question"), questionRate("no", "Asks none")] },
    {
      title: "Mentions meeting",
      rows: [meetingRate("yes", "Mentions meeting or a call"), meetingRate("no", "Does not")],
    },
    { title: "Follow-up number", rows: FOLLOW_UP_LABEL.map((label, n) => followUpRate(String(n), label)) },
  ];

  const thisWeek = weekStart(now);
  const count = (name: string) => new Map(chart(name).map((cell) => [Number(cell.key), Number(cell.messages)]));
  const votes = count("votes");
  const examples = count("examples");
  const weeks: WeekRow[] = Array.from({ length: WEEKS_SHOWN }, (_, i) => {
    const start = thisWeek - (WEEKS_SHOWN - 1 - i) * WEEK;
    return { weekStart: start, votes: votes.get(start) ?? 0, examples: examples.get(start) ?? 0 };
  });
  return { byThread, byScore, byFeature, weeks };
}

export type Insights = Awaited<ReturnType<typeof loadInsights>>;
