import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { WordDiff } from "~/components/word-diff";
import { getDb } from "~/db.server";
import { listRevisions } from "~/models/post-revision.server";
import { getPostAsSeenBy } from "~/models/post-view.server";
import { getPostForPermissions } from "~/models/post.server";
import { invariantResponse } from "~/server/http.server";
import { idSchema } from "~/server/validation.server";
import { getUser } from "~/session.server";
import { formatDateTime } from "~/utils/format";
import { postHref } from "~/utils/paging";
import { canSeeHistory } from "~/utils/permissions";
import { diffableText, wordDiff } from "~/utils/word-diff";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const postId = idSchema.safeParse(params.postId);
  invariantResponse(postId.success, "There is no such post.", { status: 404 });
  const post = await getPostForPermissions(db, postId.data);
  invariantResponse(post && post.deleted_at === null, "There is no such post.", { status: 404 });
  const viewer = await getUser(request);
  invariantResponse(canSeeHistory(viewer, post), "Only its author and moderators see an example message's history.", {
    status: 404,
  });
  // The history shows what the post shows: nothing more to those who may not see it now.
  const current = await getPostAsSeenBy(db, { postId: post.id, viewer });
  invariantResponse(current?.bodyHtml, "This post is not available.", { status: 404 });
  const revisions = await listRevisions(db, post.id);
  // Each version against the one before it (oldest first): the original has nothing to compare with.
  const texts = [
    ...revisions.map((r) => diffableText(r.body, r.context_line)),
    diffableText(post.body, post.context_line),
  ];
  const changes = texts.map((text, i) => (i === 0 ? null : wordDiff(texts[i - 1], text)));
  return {
    post: {
      number: post.number,
      kind: post.kind,
      threadSlug: post.thread_slug,
      threadTitle: post.thread_title,
      bodyHtml: current.bodyHtml,
      editedAt: current.editedAt,
      author: current.author,
    },
    currentChanges: changes[changes.length - 1],
    revisions: revisions.map(({ body: _body, ...revision }, i) => ({ ...revision, changes: changes[i] })),
  };
}

export default function PostHistory() {
  const { post, revisions, currentChanges } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>History of post #{post.number}</h1>
      <p>
        In <Link to={postHref(post.threadSlug, post.number)}>{post.threadTitle}</Link>, by{" "}
        {post.author ?? "a former member"}.{" "}
        {revisions.length === 0
          ? "It has not been edited."
          : `Edited ${revisions.length} time${revisions.length === 1 ? "" : "s"}; newest first.`}
      </p>
      <ol className="history" reversed>
        <li>
          <h2>Current version{post.editedAt ? `, ${formatDateTime(post.editedAt)}` : ""}</h2>
          {currentChanges ? (
            <VersionChanges parts={currentChanges} />
          ) : (
            <div className="post__body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
          )}
        </li>
        {[...revisions].reverse().map((revision, i, list) => (
          <li key={revision.id}>
            <h2>
              {i === list.length - 1 ? "Original" : "Earlier version"}, replaced {formatDateTime(revision.created_at)}{" "}
              by {revision.editor ?? "a former member"}
            </h2>
            {revision.changes ? (
              <VersionChanges parts={revision.changes} />
            ) : (
              <>
                {revision.context_line ? <p className="message__context">{revision.context_line}</p> : null}
                <div className="post__body" dangerouslySetInnerHTML={{ __html: revision.body_html }} />
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function VersionChanges({ parts }: { parts: Parameters<typeof WordDiff>[0]["parts"] }) {
  return (
    <>
      <p className="word-diff__legend">
        Changes from the version before (added words underlined, removed struck through):
      </p>
      <WordDiff parts={parts} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `History of post #${data.post.number} · Beyond Hello` : "Post not found · Beyond Hello" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
