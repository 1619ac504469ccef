import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RelativeTime } from "~/components/relative-time";
import { getDb } from "~/db.server";
import { listThreads } from "~/models/thread.server";
import { plural } from "~/utils/format";

export async function loader({ request }: LoaderFunctionArgs) {
  const accountDeleted = new URL(request.url).searchParams.get("account") === "deleted";
  return { threads: await listThreads(getDb()), accountDeleted };
}

export default function Index() {
  const { threads, accountDeleted } = useLoaderData<typeof loader>();
  return (
    <>
      {accountDeleted ? (
        <p className="notice notice--success" role="status">
          Your account has been deleted, and you are signed out. Thank you for taking part.
        </p>
      ) : null}
      <h1>Beyond the basic hello</h1>
      <p className="intro">
        Each thread is a question from the article <em>Connecting with People</em>. Share the messages you send and the
        replies you receive — anonymised before they are stored — and vote on what feels authentic.
      </p>
      <ul className="thread-list">
        {threads.map((thread) => (
          <li key={thread.id} className="thread-card">
            <h2>
              <Link to={`/threads/${thread.slug}`}>{thread.title}</Link>
              {thread.locked_at ? <span className="badge"> Locked</span> : null}
            </h2>
            <p>{thread.prompt}</p>
            <p className="meta">
              {plural(thread.post_count, "post")}
              {" · "}
              {thread.last_activity_at ? (
                <>
                  last activity <RelativeTime at={thread.last_activity_at} />
                </>
              ) : (
                "no posts yet"
              )}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Beyond Hello — reflections on professional outreach" },
  {
    name: "description",
    content: "A community forum about connection requests, first messages, follow-ups and the replies that sting.",
  },
];
