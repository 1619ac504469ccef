import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PostCard } from "~/components/post-card";
import { getDb } from "~/db.server";
import { listMemberPosts } from "~/models/post.server";
import { getUserByUsername } from "~/models/user.server";
import { getUser } from "~/session.server";
import { formatDate } from "~/utils/format";
import { invariantResponse } from "~/utils/http";
import { postHref } from "~/utils/paging";
import { idSchema } from "~/utils/validation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const member = await getUserByUsername(db, params.username ?? "");
  invariantResponse(member && member.deleted_at === null, "There is no member with that name.", { status: 404 });
  const beforeParam = new URL(request.url).searchParams.get("before");
  const before = beforeParam === null ? null : idSchema.safeParse(beforeParam);
  invariantResponse(before === null || before.success, "There is no such page.", { status: 404 });
  const viewer = await getUser(request);
  const { posts, nextBefore } = await listMemberPosts(db, { authorId: member.id, before: before?.data ?? null, viewer });
  return { member: { username: member.username, role: member.role, since: member.created_at }, posts, nextBefore, isFirstPage: before === null };
}

export default function MemberPage() {
  const { member, posts, nextBefore, isFirstPage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{member.username}</h1>
      <p className="meta">
        {member.role === "member" ? "Member" : member.role === "admin" ? "Admin" : "Moderator"} since {formatDate(member.since)}
      </p>
      <h2>{isFirstPage ? "Posts, newest first" : "Earlier posts"}</h2>
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
            />
          </li>
        ))}
      </ol>
      <nav className="pagination" aria-label="Pages of posts">
        <ul>
          {!isFirstPage ? (
            <li>
              <Link to=".">Newest posts</Link>
            </li>
          ) : null}
          {nextBefore ? (
            <li>
              <Link to={`?before=${nextBefore}`} rel="next">
                Earlier posts →
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.member.username} · Beyond Hello` : "Member not found · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
