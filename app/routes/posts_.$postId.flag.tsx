/**
 * Flagging a post for moderators, on a page of its own: the post as the member
 * sees it, then the reasons. The thread page links here from each post rather
 * than carrying fifty copies of this form; the form posts to the thread, which
 * records the flag and returns to the post.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FlagForm } from "~/components/flag-form";
import { getDb } from "~/db.server";
import { flaggedBy } from "~/models/flag.server";
import { getPostForChange, getPostView } from "~/models/post.server";
import { requireUser } from "~/session.server";
import { invariantResponse } from "~/utils/http";
import { postHref } from "~/utils/paging";
import { idSchema } from "~/utils/validation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const postId = idSchema.safeParse(params.postId);
  invariantResponse(postId.success, "There is no such post.", { status: 404 });
  const [post, view] = await Promise.all([
    getPostForChange(db, postId.data),
    getPostView(db, { postId: postId.data, viewer: user }),
  ]);
  invariantResponse(
    post && view && view.state === "visible" && view.bodyHtml !== null,
    "There is no such post to flag.",
    { status: 404 },
  );
  invariantResponse(!view.isOwn, "You cannot flag your own post; edit or delete it instead.", { status: 403 });
  const flagged = (await flaggedBy(db, { userId: user.id, postIds: [post.id] })).has(post.id);
  return {
    post: {
      id: post.id,
      number: post.number,
      kind: view.kind,
      author: view.author,
      bodyHtml: view.bodyHtml,
      contextLine: view.contextLine,
    },
    thread: { slug: post.thread_slug, title: post.thread_title },
    flagged,
  };
}

export default function FlagPost() {
  const { post, thread, flagged } = useLoaderData<typeof loader>();
  const back = postHref(thread.slug, post.number);
  return (
    <>
      <h1>Flag post #{post.number}</h1>
      <p>
        In <Link to={back}>{thread.title}</Link>, by {post.author ?? "a former member"}. Moderators see your flag and
        your note, never other members.
      </p>
      {post.kind === "comment" ? (
        <div className="post__body flag__post" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
      ) : (
        <figure className="message flag__post">
          {post.contextLine ? <figcaption className="message__context">{post.contextLine}</figcaption> : null}
          <blockquote className="message__text" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        </figure>
      )}
      {flagged ? (
        <p className="notice" role="status">
          You have flagged this post; moderators will look at it. <Link to={back}>Back to the post</Link>
        </p>
      ) : (
        <FlagForm
          postId={post.id}
          postNumber={post.number}
          kind={post.kind}
          action={`/threads/${thread.slug}`}
          cancelHref={back}
        />
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Flag post #${data.post.number} · Beyond Hello` : "Flag a post · Beyond Hello" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
