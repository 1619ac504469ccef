import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { drawOwnScoreChart } from "~/components/charts/draw.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OwnOutcomes } from "~/components/own-outcomes";
import { KeysetPager } from "~/components/pagination";
import { PostCard } from "~/components/post-card";
import { VoteControls } from "~/components/vote-controls";
import { getDb } from "~/db.server";
import { ownApproachHistory } from "~/models/outcome.server";
import { listMemberPosts, shownPost } from "~/models/post-view.server";
import { getUserByUsername } from "~/models/user.server";
import { voteViews } from "~/models/vote.server";
import { invariantResponse } from "~/server/http.server";
import { parseBefore } from "~/server/validation.server";
import { getUser } from "~/session.server";
import chartStyles from "~/styles/insights.css";
import { feedLink } from "~/utils/atom";
import { formatDate } from "~/utils/format";
import { sendInHtmlOnly } from "~/utils/hydration";
import { parsePage, postHref } from "~/utils/paging";

// The chart of a member's own scores is drawn like those of /insights.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

/** The member's own approaches and the chart of their scores (its SVG in the page's HTML only). */
async function ownSection(context: LoaderFunctionArgs["context"], userId: number) {
  const approaches = await ownApproachHistory(getDb(), userId);
  const [chart] = sendInHtmlOnly(context, [{ svg: drawOwnScoreChart(approaches) }], "svg");
  return { approaches, chart };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const [member, viewer] = await Promise.all([getUserByUsername(db, params.username ?? ""), getUser(request)]);
  invariantResponse(member && member.deleted_at === null, "There is no member with that name.", { status: 404 });
  const url = new URL(request.url);
  const before = parseBefore(url);
  invariantResponse(before !== undefined, "There is no such page.", { status: 404 });
  const sort = url.searchParams.get("sort") === "top" ? "top" : "new";
  const page = parsePage(url.searchParams.get("page"));
  invariantResponse(page, "There is no such page.", { status: 404 });
  const {
    posts: listed,
    more,
    nextBefore,
  } = await listMemberPosts(db, { authorId: member.id, before, viewer, sort, page });
  const votes = await voteViews(db, { posts: listed, viewer, threadLocked: (post) => post.threadLocked });
  const posts = sendInHtmlOnly(
    context,
    listed.map((post) => ({ ...shownPost(post), votes: votes.get(post.id) ?? null })),
    "bodyHtml",
  );
  return {
    member: { username: member.username, role: member.role, since: member.created_at },
    posts,
    own: viewer?.id === member.id && before === null && page === 1 ? await ownSection(context, member.id) : null,
    sort,
    nextHref:
      sort === "top" ? (more ? `?sort=top&page=${page + 1}` : null) : nextBefore ? `?before=${nextBefore}` : null,
    isFirstPage: before === null && page === 1,
  };
}

export default function MemberPage() {
  const { member, posts, own, sort, nextHref, isFirstPage } = useLoaderData<typeof loader>();
  const location = useLocation();
  return (
    <>
      <h1>{member.username}</h1>
      <p className="meta">
        {member.role === "member" ? "Member" : member.role === "admin" ? "Admin" : "Moderator"} since{" "}
        {formatDate(member.since)}
      </p>
      {own ? (
        <OwnOutcomes approaches={own.approaches} chart={own.chart.svg} returnTo={`/u/${member.username}`} />
      ) : null}
      <h2>
        {sort === "top"
          ? "Example messages, most authentic first"
          : isFirstPage
            ? "Posts, newest first"
            : "Earlier posts"}
      </h2>
      <nav className="sort-tabs" aria-label="Show">
        <ul>
          <li>
            {sort === "new" ? (
              <span aria-current="page">All posts, newest first</span>
            ) : (
              <Link to=".">All posts, newest first</Link>
            )}
          </li>
          <li>
            {sort === "top" ? (
              <span aria-current="page">Example messages: most authentic</span>
            ) : (
              <Link to="?sort=top">Example messages: most authentic</Link>
            )}
          </li>
        </ul>
      </nav>
      {posts.length === 0 ? <p>No posts {isFirstPage ? "yet" : "before these"}.</p> : null}
      <ol className="post-list">
        {posts.map((post) => (
          <li key={post.id}>
            <p className="post-list__thread">
              In <Link to={postHref(post.threadSlug, post.number)}>{post.threadTitle}</Link>
            </p>
            <PostCard
              post={post}
              postLink={(number) => postHref(post.threadSlug, number)}
              canReply={false}
              threadPath={`/threads/${post.threadSlug}`}
              idBase={`${post.threadSlug}-post-${post.number}`}
            >
              {post.votes ? (
                <VoteControls
                  postId={post.id}
                  anchor={`${post.threadSlug}-post-${post.number}`}
                  returnTo={location.pathname + location.search}
                  view={post.votes}
                />
              ) : null}
            </PostCard>
          </li>
        ))}
      </ol>
      <KeysetPager
        label="Pages of posts"
        firstHref={isFirstPage ? null : sort === "top" ? "?sort=top" : "."}
        firstLabel="First page"
        nextHref={nextHref}
        nextLabel="More"
      />
    </>
  );
}

export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/vote") ? false : defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.member.username} · Beyond Hello` : "Member not found · Beyond Hello" },
  ...(data ? [feedLink(`/u/${data.member.username}/feed.xml`, `Example messages by ${data.member.username}`)] : []),
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
