/**
 * One post in a thread. Comments read as discussion; example messages
 * (approaches and received replies) read as quoted messages on a card of
 * their own, so nobody mistakes a quoted message for the member's comment.
 *
 * Its links are plain anchors, not Remix <Link>s: a thread page has several
 * per post, resolving each through the router cost a measurable share of the
 * page's render, and most are anchors on the same page anyway.
 *
 * On the first render in the browser a visible post's bodyHtml is undefined (typed so, InHtmlOnly):
 * the page's HTML already holds it and the hydration data leaves it out
 * (utils/hydration.ts); <ServerHtml> takes it from the page.
 */
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { PostShown } from "~/models/post-view.server";
import { formatDateTime, plural } from "~/utils/format";
import type { InHtmlOnly } from "~/utils/hydration";
import { Avatar } from "./avatar";
import { RelativeTime } from "./relative-time";
import { ServerHtml } from "./server-html";

export const KIND_LABEL = {
  comment: "Comment",
  approach: "Message sent",
  received_reply: "Reply received",
} as const;

interface Props {
  post: InHtmlOnly<PostShown, "bodyHtml">;
  /** Link to another post of the same thread (it may be on another page). */
  postLink: (number: number) => string;
  canReply: boolean;
  replyHref?: string;
  /** The thread's address, where the delete button posts. */
  threadPath: string;
  /** Extra controls (votes) shown under the words. */
  children?: React.ReactNode;
  /** Shown in the footer for members who may flag the post. */
  flag?: React.ReactNode;
  /** Set when a delete was asked for without JavaScript: the card asks to confirm it. */
  confirmingDelete?: boolean;
  /** The start of the card's ids; a page listing posts of several threads passes one unique per post. */
  idBase?: string;
  /**
   * Reply with JavaScript: called instead of following replyHref, with the text the member selected
   * inside this post's words (only for a post readers can see), or null.
   */
  onReply?: (post: { id: number; number: number }, selection: string | null) => void;
}

/** The text selected inside the element `id`, or null when nothing is, or the selection reaches outside it. */
function selectedWithin(id: string): string | null {
  const within = document.getElementById(id);
  const chosen = window.getSelection();
  if (!within || !chosen || chosen.isCollapsed) return null;
  if (!within.contains(chosen.anchorNode) || !within.contains(chosen.focusNode)) return null;
  const text = chosen.toString().trim();
  return text === "" ? null : text;
}

function AuthorName({ name, role }: { name: string | null; role: string | null }) {
  if (!name) return <span>former member</span>;
  return (
    <>
      <a href={`/u/${name}`} className="username">
        <Avatar name={name} /> {name}
      </a>
      {role === "moderator" || role === "admin" ? <span className="role-badge">Moderator</span> : null}
    </>
  );
}

function Withheld({ post }: { post: Props["post"] }) {
  if (post.state === "deleted") return <p className="post__withheld">This post was deleted by its author.</p>;
  if (post.state === "hidden") {
    return <p className="post__withheld">Hidden by a moderator{post.hiddenReason ? `: ${post.hiddenReason}` : "."}</p>;
  }
  return <p className="post__withheld">This message is waiting for a moderator to check that it is anonymised.</p>;
}

function DeleteForm({ post, threadPath, confirmed }: { post: Props["post"]; threadPath: string; confirmed: boolean }) {
  const [hydrated, setHydrated] = useState(false);
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setHydrated(true), []);
  return (
    <Form
      method="post"
      action={threadPath}
      className="inline-form"
      onSubmit={(event) => {
        if (!confirmed && !window.confirm("Delete this post? Its words cannot be brought back."))
          event.preventDefault();
      }}
    >
      <input type="hidden" name="postId" value={post.id} />
      {/* Without JavaScript there is no confirm(): the server asks on the page instead (confirmingDelete). */}
      {hydrated || confirmed ? <input type="hidden" name="confirmed" value="yes" /> : null}
      <button
        type="submit"
        name="intent"
        value="delete"
        className={confirmed ? "button--danger button" : "button-link"}
      >
        {confirmed ? "Yes, delete it" : "Delete"}
      </button>
    </Form>
  );
}

export function PostCard({
  post,
  postLink,
  canReply,
  replyHref,
  threadPath,
  children,
  flag,
  idBase,
  confirmingDelete,
  onReply,
}: Props) {
  const isExample = post.kind !== "comment";
  const base = idBase ?? `post-${post.number}`;
  const headingId = `${base}-heading`;
  const selection = useRef<string | null>(null);
  // Read before the press clears it: pointerdown comes before the browser's own mousedown handling.
  // Only a readable comment's words are quoted; an example message is quoted by its link (quote.server.ts).
  const rememberSelection = () => {
    selection.current = post.state === "visible" && !isExample ? selectedWithin(`${base}-words`) : null;
  };
  return (
    <article id={base} className={`post post--${post.kind} post--${post.state}`} aria-labelledby={headingId}>
      <header className="post__header">
        <h3 id={headingId} className="post__heading">
          {isExample ? <span className={`kind kind--${post.kind}`}>{KIND_LABEL[post.kind]}</span> : null}
          <span className="visually-hidden">{isExample ? " shared " : "Comment "}by </span>
          <AuthorName name={post.author} role={post.authorRole} />
        </h3>
        <span className="post__meta">
          <a href={postLink(post.number)} aria-label={`Post ${post.number}, ${formatDateTime(post.createdAt)}`}>
            #{post.number} · <RelativeTime at={post.createdAt} />
          </a>
          {post.editedAt && post.state !== "deleted" ? (
            <>
              {" · "}
              {post.historyVisible ? <a href={`/posts/${post.id}/history`}>edited</a> : "edited"}
            </>
          ) : null}
        </span>
      </header>
      {post.replyTo ? (
        <p className="post__reply-to">
          In reply to <a href={postLink(post.replyTo.number)}>#{post.replyTo.number}</a> by{" "}
          {post.replyTo.author ?? "a former member"}
        </p>
      ) : null}
      {post.state !== "visible" && post.bodyHtml !== null ? (
        <p className="post__status">
          {post.state === "hidden"
            ? `Hidden from others by a moderator${post.hiddenReason ? `: ${post.hiddenReason}` : ""}.`
            : "Waiting for a moderator's review: others cannot see it."}
        </p>
      ) : null}
      {post.bodyHtml === null ? (
        <Withheld post={post} />
      ) : isExample ? (
        <>
          {post.approach ? (
            <p className="message__answers">
              Reply to:{" "}
              <a href={postLink(post.approach.number)}>
                #{post.approach.number} “{post.approach.excerpt}”
              </a>
            </p>
          ) : null}
          <figure className="message">
            {post.contextLine ? <figcaption className="message__context">{post.contextLine}</figcaption> : null}
            <ServerHtml as="blockquote" id={`${base}-words`} className="message__text" html={post.bodyHtml} />
          </figure>
        </>
      ) : (
        <ServerHtml id={`${base}-words`} className="post__body" html={post.bodyHtml} />
      )}
      {children}
      {post.state !== "deleted" ? (
        <footer className="post__footer">
          {post.replyCount > 0 ? <span className="meta">{plural(post.replyCount, "reply", "replies")}</span> : null}
          {canReply && replyHref ? (
            <a
              href={replyHref}
              onPointerDown={rememberSelection}
              onClick={(event) => {
                if (!onReply) return;
                event.preventDefault();
                if (event.detail === 0) rememberSelection(); // a key press, not a pointer
                onReply({ id: post.id, number: post.number }, selection.current);
                selection.current = null;
              }}
            >
              Reply<span className="visually-hidden"> to #{post.number}</span>
            </a>
          ) : null}
          {post.isOwn ? (
            <>
              <a href={`/posts/${post.id}/${isExample ? "edit-message" : "edit"}`}>Edit</a>
              {isExample ? <a href={`/posts/${post.id}/guide`}>Guide consent</a> : null}
              <DeleteForm post={post} threadPath={threadPath} confirmed={false} />
            </>
          ) : null}
          {flag}
        </footer>
      ) : null}
      {confirmingDelete && post.isOwn && post.state !== "deleted" ? (
        <div className="notice notice--danger" role="alert">
          <p>Delete this post? Its words cannot be brought back.</p>
          <div className="actions">
            <DeleteForm post={post} threadPath={threadPath} confirmed />
            <a href={postLink(post.number)}>Keep it</a>
          </div>
        </div>
      ) : null}
    </article>
  );
}
