import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { KeysetPager } from "~/components/pagination";
import { getDb } from "~/db.server";
import { listModerationLog } from "~/models/moderation-log.server";
import { invariantResponse } from "~/server/http.server";
import { parseBefore } from "~/server/validation.server";
import { formatDateTime } from "~/utils/format";
import { splitLogSummary } from "~/utils/log-summary";
import { postHref } from "~/utils/paging";

export async function loader({ request }: LoaderFunctionArgs) {
  const before = parseBefore(new URL(request.url));
  invariantResponse(before !== undefined, "There is no such page.", { status: 404 });
  const { entries, nextBefore } = await listModerationLog(getDb(), { before });
  return { entries, nextBefore, isFirstPage: before === null };
}

export default function ModerationLog() {
  const { entries, nextBefore, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Moderation log</h1>
      <p>Every action moderators and admins take, newest first: who, what, where, when and why.</p>
      {entries.length === 0 ? <p>No moderator has had to act yet.</p> : null}
      <ol className="log">
        {entries.map((entry) => (
          <li key={entry.id} className="log__entry">
            <p>
              <strong>{entry.actor}</strong> · <LogSummary entry={entry} />
              {entry.action.startsWith("guide.") ? (
                <>
                  {" "}
                  (<Link to="/guide">the guide</Link>)
                </>
              ) : null}
            </p>
            <p className="meta">
              <time dateTime={new Date(entry.created_at).toISOString()}>{formatDateTime(entry.created_at)}</time>
              {entry.reason ? <> · Reason: {entry.reason}</> : null}
            </p>
          </li>
        ))}
      </ol>
      <KeysetPager
        label="Pages of the log"
        firstHref={isFirstPage ? null : "."}
        firstLabel="Newest"
        nextHref={nextBefore ? `?before=${nextBefore}` : null}
        nextLabel="Older"
      />
    </>
  );
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["entries"][number];

/** The summary with its post linked and, unless it already says so, the thread it is in (linked). */
function LogSummary({ entry }: { entry: Entry }) {
  const onPost = entry.post_number !== null && entry.post_thread_slug !== null;
  const threadSlug = onPost ? entry.post_thread_slug : entry.thread_slug;
  const threadTitle = onPost ? entry.post_thread_title : entry.thread_title;
  const parts = splitLogSummary(entry.summary, onPost ? entry.post_number : null, threadTitle);
  const postLink =
    onPost && entry.post_thread_slug && entry.post_number !== null
      ? postHref(entry.post_thread_slug, entry.post_number)
      : null;
  // "in “thread”" follows the post's mention, where it reads naturally in every summary.
  const inThread =
    parts.addThread && threadSlug ? (
      <>
        {" "}
        in “<Link to={`/threads/${threadSlug}`}>{threadTitle}</Link>”
      </>
    ) : null;
  if (parts.post && postLink) {
    return (
      <>
        {parts.before}
        <Link to={postLink}>{parts.post}</Link>
        {inThread}
        {parts.after}
      </>
    );
  }
  return (
    <>
      {parts.before}
      {inThread}
      {postLink ? (
        <>
          {" "}
          (<Link to={postLink}>post #{entry.post_number}</Link>)
        </>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Moderation log · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
