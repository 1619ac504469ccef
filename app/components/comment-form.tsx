/**
 * The thread page's composer. A Reply without JavaScript loads the page with `?reply=N`: the server
 * fills the textarea with the post's quote and the textarea takes focus. With JavaScript the thread page
 * hands a quote over (`insert`) and it is added where the text ends, with focus and the caret after it,
 * without loading the page.
 */
import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { COMMENT_MAX } from "~/utils/field-lengths";
import { postHref } from "~/utils/paging";
import { capWords, markdownQuote } from "~/utils/quote";
import { FormError } from "./field";
import { MarkdownEditor } from "./markdown-editor";

export const COMMENT_BODY_ID = "comment-body";

export interface ReplyTarget {
  id: number;
  number: number;
}

/** A quote to add to the composer; `key` changes for every press of Reply, even on the same post. */
export interface QuoteInsert extends ReplyTarget {
  key: number;
  quote: string;
}

export interface CommentAnswerView {
  intent: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  preview: string | null;
}

interface Props {
  slug: string;
  /** The post replied to from `?reply=N`, with its quote (null when readers cannot see the post). */
  replyTo: (ReplyTarget & { quote: string | null }) | null;
  answer: CommentAnswerView | undefined;
  busy: boolean;
  insert: QuoteInsert | null;
}

/**
 * Reply with JavaScript: the quote for the composer, from the member's selection inside the post if there
 * is one (PostCard offers only a readable post's), else the post's opening words as the server quotes them
 * (GET /posts/:id/quote, which refuses a post readers cannot see).
 */
export function useQuoteReply(slug: string) {
  const [insert, setInsert] = useState<QuoteInsert | null>(null);
  const reply = async (post: ReplyTarget, selection: string | null) => {
    const href = postHref(slug, post.number);
    let quote = selection ? markdownQuote(capWords(selection), { number: post.number, href }) : null;
    if (quote === null) {
      const answer = await fetch(`/posts/${post.id}/quote`, { headers: { Accept: "application/json" } }).catch(
        () => null,
      );
      // No quote for an example message or a post readers cannot see, nor when the answer is not the JSON
      // asked for (a session that ended answers with the sign-in page): the reply still links to it.
      const json = answer?.ok && answer.headers.get("content-type")?.includes("application/json");
      const body = json ? ((await answer.json().catch(() => null)) as { quote?: unknown } | null) : null;
      quote = typeof body?.quote === "string" ? body.quote : "";
    }
    setInsert({ key: Date.now(), id: post.id, number: post.number, quote });
  };
  return [insert, reply] as const;
}

/** Adds `quote` after the textarea's text (or in place of nothing but spaces), as typing would. */
function insertQuote(textarea: HTMLTextAreaElement, quote: string) {
  if (quote === "") {
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    return;
  }
  const text = textarea.value;
  const blank = text.trim() === "";
  const gap = blank || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
  textarea.focus();
  textarea.setRangeText(gap + quote, blank ? 0 : text.length, text.length, "end");
  // React's onChange (the live preview) listens for input events.
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}

export function CommentForm({ slug, replyTo, answer, busy, insert }: Props) {
  const errors = answer?.errors ?? {};
  const values = answer?.values ?? {};
  const [target, setTarget] = useState<ReplyTarget | null>(replyTo);
  useEffect(() => {
    if (!insert) return;
    const textarea = document.getElementById(COMMENT_BODY_ID);
    if (!(textarea instanceof HTMLTextAreaElement)) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setTarget({ id: insert.id, number: insert.number });
    insertQuote(textarea, insert.quote);
    // Only a new press of Reply inserts again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [insert?.key]);
  const replyToId = values.replyTo || (target ? String(target.id) : "");
  return (
    <Form method="post" className="form form--wide" id="comment-form" preventScrollReset>
      <h2 id="comment-form-title">{target ? `Reply to #${target.number}` : "Add a comment"}</h2>
      {target ? (
        <p className="notice">
          Replying to <Link to={postHref(slug, target.number)}>post #{target.number}</Link>.{" "}
          <Link to={`/threads/${slug}#comment-form`} onClick={() => setTarget(null)}>
            Write a new comment instead
          </Link>
        </p>
      ) : null}
      <FormError message={errors.form} />
      <input type="hidden" name="replyTo" value={replyToId} />
      <MarkdownEditor
        label="Your comment"
        id={COMMENT_BODY_ID}
        defaultValue={values.body ?? replyTo?.quote ?? undefined}
        // The member pressed Reply to write here: without JavaScript, only the attribute can move focus.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus={replyTo !== null && answer === undefined}
        error={errors.body}
        serverPreview={answer?.intent === "preview" ? answer.preview : null}
        maxLength={COMMENT_MAX}
      />
      <div className="actions">
        <button type="submit" name="intent" value="comment" disabled={busy}>
          Post comment
        </button>
        <button type="submit" name="intent" value="preview" className="secondary" formNoValidate>
          Preview
        </button>
      </div>
    </Form>
  );
}
