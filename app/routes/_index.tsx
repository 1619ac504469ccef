import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Avatar } from "~/components/avatar";
import { RelativeTime } from "~/components/relative-time";
import { getDb } from "~/db.server";
import { listThreadLife, type ThreadLife } from "~/models/thread-life.server";
import { listThreadsForMember } from "~/models/thread-reader.server";
import { listThreads } from "~/models/thread.server";
import { getUser } from "~/session.server";
import { feedLink } from "~/utils/atom";
import { plural } from "~/utils/format";
import { postHref } from "~/utils/paging";

interface MemberMarks {
  newPosts: number;
  firstUnread: number | null;
  level: "normal" | "following" | "muted";
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const accountDeleted = new URL(request.url).searchParams.get("account") === "deleted";
  // Each thread's life is the same for every reader: readable posts only, whoever asks.
  const lifeOf = (life: Map<number, ThreadLife>, id: number): ThreadLife =>
    life.get(id) ?? { best: null, lastPoster: null };
  if (!user) {
    const [threads, life] = await Promise.all([listThreads(getDb()), listThreadLife(getDb())]);
    return {
      signedIn: false,
      unreadOnly: false,
      accountDeleted,
      threads: threads.map((t) => ({ ...t, life: lifeOf(life, t.id), marks: null as MemberMarks | null })),
    };
  }
  // A member's list carries what is new to them (decision 0013); a visitor's is the same for all, and cached.
  const unreadOnly = new URL(request.url).searchParams.get("filter") === "unread";
  const [threads, life] = await Promise.all([
    listThreadsForMember(getDb(), { userId: user.id, unreadOnly }),
    listThreadLife(getDb()),
  ]);
  return {
    signedIn: true,
    unreadOnly,
    accountDeleted,
    threads: threads.map(({ newPosts, firstUnread, level, ...t }) => ({
      ...t,
      life: lifeOf(life, t.id),
      marks: { newPosts, firstUnread, level },
    })),
  };
}

/** Who posted last: avatar and name, or "a former member" for a deleted account. */
function LastPoster({ name }: { name: string | null }) {
  if (name === null) return <>a former member</>;
  return (
    <a href={`/u/${name}`} className="username thread-card__poster">
      <Avatar name={name} />
      <span>{name}</span>
    </a>
  );
}

/** The opening words of the thread's most authentic readable example message, linked to it. */
function BestExample({ slug, best }: { slug: string; best: NonNullable<ThreadLife["best"]> }) {
  return (
    <p className="thread-card__best">
      <span className="thread-card__label">{best.voted ? "Most authentic so far" : "Newest example"}: </span>
      <a className="thread-card__quote" href={postHref(slug, best.number)}>
        “{best.words}”
      </a>
    </p>
  );
}

export default function Index() {
  const { threads, signedIn, unreadOnly, accountDeleted } = useLoaderData<typeof loader>();
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
      {signedIn ? (
        <nav className="sort-tabs" aria-label="Threads to show">
          <ul>
            <li>{unreadOnly ? <Link to="/">All threads</Link> : <span aria-current="page">All threads</span>}</li>
            <li>
              {unreadOnly ? (
                <span aria-current="page">With new posts</span>
              ) : (
                <Link to="/?filter=unread">With new posts</Link>
              )}
            </li>
          </ul>
        </nav>
      ) : null}
      {threads.length === 0 && unreadOnly ? <p>Nothing new since your last visit.</p> : null}
      <ul className="thread-list">
        {threads.map((thread) => {
          const marks = thread.marks;
          const unread = marks !== null && marks.newPosts > 0;
          return (
            <li key={thread.id} className={unread ? "thread-card thread-card--unread" : "thread-card"}>
              <h2>
                <Link
                  to={
                    unread && marks.firstUnread ? postHref(thread.slug, marks.firstUnread) : `/threads/${thread.slug}`
                  }
                >
                  {thread.title}
                </Link>
                {thread.locked_at ? <span className="badge"> Locked</span> : null}
                {marks?.level === "following" ? <span className="badge badge--following"> Following</span> : null}
                {marks?.level === "muted" ? <span className="badge"> Muted</span> : null}
              </h2>
              <p>{thread.prompt}</p>
              {thread.life.best ? <BestExample slug={thread.slug} best={thread.life.best} /> : null}
              <p className="meta">
                {plural(thread.post_count, "post")}
                {" · "}
                {plural(thread.example_count, "example message")}
                {unread ? (
                  <>
                    {" · "}
                    <strong className="thread-card__new">{plural(marks.newPosts, "new post")}</strong>
                  </>
                ) : null}
                {" · "}
                {thread.last_activity_at ? (
                  <>
                    last activity <RelativeTime at={thread.last_activity_at} />
                  </>
                ) : (
                  "no posts yet"
                )}
                {/* The last readable post: a hidden or withheld later one is activity, but nobody can see who. */}
                {thread.life.lastPoster ? (
                  <>
                    {" · last post by "}
                    <LastPoster name={thread.life.lastPoster.name} />
                  </>
                ) : null}
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}

export const meta: MetaFunction = () => [
  { title: "Beyond Hello — reflections on professional outreach" },
  feedLink("/feed.xml", "New example messages and threads"),
  {
    name: "description",
    content: "A community forum about connection requests, first messages, follow-ups and the replies that sting.",
  },
];
