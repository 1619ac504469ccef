import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DoneNotice } from "~/components/done-notice";
import { KIND_LABEL } from "~/components/post-card";
import { getDb } from "~/db.server";
import { listFlagQueue } from "~/models/moderation.server";
import { requireModerator } from "~/session.server";
import { FLAG_REASON_LABEL } from "~/utils/flag-reasons";
import { formatDateTime } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireModerator(request);
  return { queue: await listFlagQueue(getDb()) };
}

export default function FlagQueue() {
  const { queue } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Flag queue</h1>
      <DoneNotice />
      <p>Most urgent first: messages flagged as not properly anonymised, then by number of flags.</p>
      {queue.length === 0 ? <p className="notice">No open flags. Nothing waits for you.</p> : null}
      <ol className="queue">
        {queue.map((item) => (
          <li key={item.postId} className="queue__item">
            <h2>
              <Link to={`/mod/posts/${item.postId}`}>
                {KIND_LABEL[item.kind as keyof typeof KIND_LABEL]} #{item.number} by {item.author}
              </Link>{" "}
              in {item.threadTitle}
            </h2>
            <p className="meta">
              {item.flags.length} open flag{item.flags.length === 1 ? "" : "s"}
              {item.reviewPending ? " · withheld until you rule" : ""}
              {item.hidden ? " · hidden" : ""}
              {!item.hidden && !item.reviewPending ? " · still shown to readers" : ""}
            </p>
            <ul>
              {item.flags.map((flag, i) => (
                <li key={i}>
                  <strong>{FLAG_REASON_LABEL[flag.reason]}</strong> — {flag.by}, {formatDateTime(flag.at)}
                  {flag.words ? <> — identifies someone: “{flag.words}”</> : null}
                  {flag.note ? <>: “{flag.note}”</> : null}
                </li>
              ))}
            </ul>
            <Link className="button button--small" to={`/mod/posts/${item.postId}`}>
              Review
            </Link>
          </li>
        ))}
      </ol>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Flag queue · Moderation · Beyond Hello" }];
