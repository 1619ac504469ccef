import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { KeysetPager } from "~/components/pagination";
import { getDb } from "~/db.server";
import { listModerationLog } from "~/models/moderation-log.server";
import { invariantResponse } from "~/server/http.server";
import { parseBefore } from "~/server/validation.server";
import { feedLink } from "~/utils/atom";
import { formatDateTime } from "~/utils/format";
import { postHref } from "~/utils/paging";

export async function loader({ request }: LoaderFunctionArgs) {
  const before = parseBefore(new URL(request.url));
  invariantResponse(before !== undefined, "There is no such page of the guide's history.", { status: 404 });
  const { entries, nextBefore } = await listModerationLog(getDb(), { before, actionPrefix: "guide." });
  return {
    changes: entries.map((entry) => ({
      id: entry.id,
      actor: entry.actor,
      summary: entry.summary,
      at: entry.created_at,
      messageHref:
        entry.post_thread_slug && entry.post_number !== null
          ? postHref(entry.post_thread_slug, entry.post_number)
          : null,
    })),
    nextHref: nextBefore ? `?before=${nextBefore}` : null,
    isFirstPage: before === null,
  };
}

export default function GuideHistoryPage() {
  const { changes, nextHref, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Changes to the guide</h1>
      <p className="intro">
        Every change moderators made to <Link to="/guide">the guide</Link>, newest first: who, what and when. All
        moderator actions are in the <Link to="/moderation-log">moderation log</Link>.
      </p>
      {changes.length === 0 ? (
        <p>{isFirstPage ? "No changes yet: the guide is still being written." : "No earlier changes."}</p>
      ) : null}
      <ol className="history">
        {changes.map((change) => (
          <li key={change.id}>
            <p>
              <strong>{change.actor}</strong> ·{" "}
              <time dateTime={new Date(change.at).toISOString()}>{formatDateTime(change.at)}</time>
            </p>
            <p>
              {change.summary}
              {change.messageHref ? (
                <>
                  {" "}
                  <Link to={change.messageHref}>See the message</Link>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ol>
      <KeysetPager
        label="Pages of changes"
        firstHref={isFirstPage ? null : "."}
        firstLabel="Newest changes"
        nextHref={nextHref}
        nextLabel="Earlier changes"
      />
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Changes to the guide · Beyond Hello" },
  feedLink("/guide/feed.xml", "Changes to the guide"),
  { name: "description", content: "Who changed Beyond Hello's guide, what they changed, and when." },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
