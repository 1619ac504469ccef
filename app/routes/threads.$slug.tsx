import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { AddToGuideForm } from "~/components/add-to-guide-form";
import { CommentForm, useQuoteReply } from "~/components/comment-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OutcomeStatus } from "~/components/outcome-status";
import { Pagination } from "~/components/pagination";
import { PostCard } from "~/components/post-card";
import { RelativeTime } from "~/components/relative-time";
import { ThreadFollowForm } from "~/components/thread-follow-form";
import { VoteControls } from "~/components/vote-controls";
import { getDb } from "~/db.server";
import { flaggedBy } from "~/models/flag.server";
import { listSectionsBrief } from "~/models/guide.server";
import { listThreadPairs } from "~/models/pairs.server";
import { countThreadExamples, listThreadExamples, listThreadPage, shownPost } from "~/models/post-view.server";
import { addComment, deletePost, getPostRefByNumber, getPostForPermissions, PostingError } from "~/models/post.server";
import { quotablePost } from "~/models/quote.server";
import { getThreadBySlug } from "~/models/thread.server";
import { voteViews } from "~/models/vote.server";
import { formText, readForm } from "~/server/form.server";
import { invariantResponse, refusalHeaders } from "~/server/http.server";
import { checkLimits, checkPreviewLimit, postingLimits, retryAfter } from "~/server/rate-limit-checks.server";
import { outcomeSlots, pairPosts } from "~/server/thread-outcomes.server";
import { recordReading } from "~/server/thread-reading.server";
import {
  idSchema,
  parseForm,
  threadActionSchema,
  type FieldErrors,
  type ThreadAction,
} from "~/server/validation.server";
import { getUser, requireUser, type SessionUser } from "~/session.server";
import { feedLink } from "~/utils/atom";
import { plural } from "~/utils/format";
import { sendInHtmlOnly } from "~/utils/hydration";
import { renderMarkdown } from "~/utils/markdown";
import { pageCount, pageOfPost, parsePage, postHref } from "~/utils/paging";
import { canDeletePost, canModerate } from "~/utils/permissions";

// Keeps a 429's Retry-After on the page shown without JavaScript.
export const headers = refusalHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = getDb();
  const url = new URL(request.url);
  const page = parsePage(url.searchParams.get("page"));
  invariantResponse(page, "There is no such page of this thread.", { status: 404 });
  const [thread, user] = await Promise.all([getThreadBySlug(db, params.slug ?? ""), getUser(request)]);
  invariantResponse(thread, "There is no thread at this address.", { status: 404 });
  const sortParam = url.searchParams.get("sort");
  const sort = sortParam === "top" || sortParam === "new" ? sortParam : null;
  const pairs =
    url.searchParams.get("view") === "pairs" ? await listThreadPairs(db, { threadId: thread.id, viewer: user }) : null;
  const pages = pairs ? 1 : pageCount(sort ? await countThreadExamples(db, thread.id) : thread.last_post_number);
  invariantResponse(page <= pages, "There is no such page of this thread.", { status: 404 });

  const listed = pairs
    ? pairPosts(pairs)
    : sort
      ? await listThreadExamples(db, { threadId: thread.id, sort, page, viewer: user })
      : await listThreadPage(db, { threadId: thread.id, page, viewer: user });
  const votes = await voteViews(db, { posts: listed, viewer: user, threadLocked: () => thread.locked_at !== null });
  const reading = await recordReading(user, { threadId: thread.id, posts: listed, inOrder: !sort && !pairs });
  const posts = sendInHtmlOnly(
    context,
    listed.map((post) => ({ ...shownPost(post), votes: votes.get(post.id) ?? null })),
    "bodyHtml",
  );
  const flagged = user ? await flaggedBy(db, { userId: user.id, postIds: posts.map((p) => p.id) }) : new Set<number>();
  // A post number past PostgreSQL's integer names nothing (and would make it refuse the query).
  const replyNumber = idSchema.safeParse(url.searchParams.get("reply") ?? "");
  const replyRef = replyNumber.success
    ? await getPostRefByNumber(db, { threadId: thread.id, number: replyNumber.data })
    : undefined;
  const replyTo = replyRef && replyRef.deleted_at === null ? replyRef : null;
  // The composer starts with the post's quote: only if readers can see the post (quote.server.ts).
  const quotable = replyTo ? await quotablePost(db, { threadId: thread.id, number: replyTo.number }) : null;
  return {
    thread,
    posts,
    pairs: pairs !== null,
    outcomes: await outcomeSlots(db, { posts: listed, pairs }),
    page,
    pages,
    sort,
    signedIn: user !== null,
    isModerator: canModerate(user),
    guideSections: canModerate(user) ? await listSectionsBrief(db) : null,
    flagged: [...flagged],
    replyTo: replyTo ? { id: replyTo.id, number: replyTo.number, quote: quotable?.quote ?? null } : null,
    reading,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const user = await requireUser(request);
  const thread = await getThreadBySlug(db, params.slug ?? "");
  invariantResponse(thread, "There is no thread at this address.", { status: 404 });
  const form = await readForm(request);
  const parsed = parseForm(threadActionSchema, form);
  if (!parsed.ok) {
    const intent = formText(form, "intent");
    invariantResponse(intent !== "delete", "That is not a post.", { status: 400 });
    invariantResponse(intent === "comment" || intent === "preview", "That is not something this page can do.", {
      status: 400,
    });
    return data(commentAnswer(intent, parsed.errors, parsed.values), { status: 400 });
  }
  const input = parsed.data;
  switch (input.intent) {
    case "comment":
      return comment(user, thread, input);
    case "preview":
      return preview(user, input);
    case "delete":
      if (formText(form, "confirmed") !== "yes") return askToConfirmDelete(user, thread, input.postId);
      return deleteOwnPost(user, thread, input.postId);
  }
}

type CommentInput = Extract<ThreadAction, { intent: "comment" | "preview" }>;
type Thread = NonNullable<Awaited<ReturnType<typeof getThreadBySlug>>>;

/** The comment form's answer: the messages beside its fields, what was typed, and (for a preview) the rendered HTML. */
type CommentAnswer =
  | { intent: "comment"; errors: FieldErrors; values: Record<string, string>; preview: null }
  | { intent: "preview"; errors: FieldErrors; values: Record<string, string>; preview: string | null };

function commentAnswer(
  intent: "comment" | "preview",
  errors: FieldErrors,
  values: Record<string, string>,
  preview: string | null = null,
): CommentAnswer {
  return intent === "preview" ? { intent, errors, values, preview } : { intent, errors, values, preview: null };
}

/** What was typed, sent back with a refusal so the form keeps it. */
function typedComment({ body, replyTo }: CommentInput) {
  return { body, replyTo: String(replyTo ?? "") };
}

async function preview(user: SessionUser, input: CommentInput) {
  const refusal = await checkPreviewLimit(user);
  if (refusal)
    return data(commentAnswer("preview", { form: refusal.message }, typedComment(input)), retryAfter(refusal));
  return commentAnswer("preview", {}, typedComment(input), renderMarkdown(input.body));
}

async function comment(user: SessionUser, thread: Thread, input: CommentInput) {
  const refusal = await checkLimits(postingLimits(user), "You are posting faster than this forum allows.");
  if (refusal)
    return data(commentAnswer("comment", { form: refusal.message }, typedComment(input)), retryAfter(refusal));
  const { body, replyTo } = input;
  try {
    const replyToId = typeof replyTo === "number" ? replyTo : null;
    const post = await addComment(getDb(), { threadId: thread.id, authorId: user.id, body, replyToId });
    return redirect(postHref(thread.slug, post.number));
  } catch (error) {
    if (!(error instanceof PostingError)) throw error;
    return data(commentAnswer("comment", { form: error.message }, { body }), { status: error.status });
  }
}

/** A delete sent without JavaScript (no confirm() ran): the page asks again beside the post. */
async function askToConfirmDelete(user: SessionUser, thread: Thread, postId: number) {
  const post = await getPostForPermissions(getDb(), postId);
  invariantResponse(post && post.thread_id === thread.id, "There is no such post in this thread.", { status: 404 });
  invariantResponse(canDeletePost(user, post), "Only its author can delete a post.", { status: 403 });
  return { intent: "confirm-delete" as const, postId, errors: {}, values: {}, preview: null };
}

async function deleteOwnPost(user: SessionUser, thread: Thread, postId: number) {
  const db = getDb();
  const post = await getPostForPermissions(db, postId);
  invariantResponse(post && post.thread_id === thread.id, "There is no such post in this thread.", { status: 404 });
  invariantResponse(canDeletePost(user, post), "Only its author can delete a post.", { status: 403 });
  await deletePost(db, { postId: post.id, authorId: user.id });
  return redirect(postHref(thread.slug, post.number));
}

export default function ThreadPage() {
  const {
    thread,
    posts,
    page,
    pages,
    sort,
    signedIn,
    isModerator,
    guideSections,
    replyTo,
    flagged,
    reading,
    pairs,
    outcomes,
  } = useLoaderData<typeof loader>();
  const location = useLocation();
  const answer = useActionData<typeof action>();
  const confirmDelete = answer && "postId" in answer ? answer.postId : null;
  const query = (params: Record<string, string | number | null>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value !== null && value !== 1) search.set(key, String(value));
    return search.size ? `?${search}` : "";
  };
  const pageHref = (p: number) => `/threads/${thread.slug}${query({ sort, page: p })}`;
  const postLink = (number: number) =>
    !sort && !pairs && pageOfPost(number) === page ? `#post-${number}` : postHref(thread.slug, number);
  const canPost = signedIn && !thread.locked_at;
  const busy = useNavigation().state === "submitting";
  const [insert, reply] = useQuoteReply(thread.slug);
  return (
    <article aria-labelledby="thread-title" className="thread">
      <h1 id="thread-title">{thread.title}</h1>
      <p className="prompt">{thread.prompt}</p>
      <section className="thread-context" aria-label="Context from the article">
        <div dangerouslySetInnerHTML={{ __html: thread.context_html }} />
      </section>
      <p className="meta">
        {plural(thread.post_count, "post")}
        {thread.last_activity_at ? (
          <>
            {" · last activity "}
            <RelativeTime at={thread.last_activity_at} />
          </>
        ) : null}
      </p>
      {thread.locked_at ? (
        <p className="notice" role="status">
          This thread is locked: it takes no new posts.
        </p>
      ) : null}
      {isModerator ? (
        <p className="mod-tools">
          <Link to={`/mod/threads/${thread.slug}`}>Moderate this thread</Link> (lock, unlock, edit the prompt)
        </p>
      ) : null}

      {reading ? <ThreadFollowForm slug={thread.slug} level={reading.level} /> : null}
      {canPost ? (
        <nav className="share-links" aria-label="Share an example message">
          <Link className="button" to={`/threads/${thread.slug}/share?kind=approach`}>
            Share a message I sent
          </Link>
          <Link className="button" to={`/threads/${thread.slug}/share?kind=received_reply`}>
            Share a reply I received
          </Link>
        </nav>
      ) : null}

      <section aria-labelledby="posts-title" className="posts">
        <h2 id="posts-title">
          {pairs
            ? "Messages sent and the replies they got"
            : sort === "top"
              ? "Example messages, most authentic first"
              : sort === "new"
                ? "Example messages, newest first"
                : "Posts"}
          {page > 1 ? `, page ${page} of ${pages}` : ""}
        </h2>
        <nav className="sort-tabs" aria-label="Show">
          <ul>
            {(
              [
                [null, "All posts in order"],
                ["top", "Example messages: most authentic"],
                ["new", "Example messages: newest"],
              ] as const
            ).map(([value, label]) => (
              <li key={label}>
                {sort === value && !pairs ? (
                  <span aria-current="page">{label}</span>
                ) : (
                  <Link to={`/threads/${thread.slug}${query({ sort: value })}`}>{label}</Link>
                )}
              </li>
            ))}
            <li>
              {pairs ? (
                <span aria-current="page">Pairs: sent and received</span>
              ) : (
                <Link to={`/threads/${thread.slug}?view=pairs`}>Pairs: sent and received</Link>
              )}
            </li>
          </ul>
        </nav>
        <Pagination page={page} pages={pages} href={pageHref} label="Pages of this thread" />
        {posts.length === 0 ? (
          <p>
            {pairs
              ? "No pairs yet: share a reply you received and link it to the message you sent."
              : sort
                ? "No example messages yet. Share one you sent or received."
                : "No posts yet. Start the conversation."}
          </p>
        ) : null}
        <ol className="post-list">
          {posts.map((post) => (
            <li key={post.id}>
              {post.number === reading?.newSince ? (
                <p className="new-since" id="new-since">
                  New since your last visit
                </p>
              ) : null}
              <PostCard
                post={post}
                postLink={postLink}
                canReply={canPost}
                threadPath={`/threads/${thread.slug}`}
                confirmingDelete={confirmDelete === post.id}
                onReply={canPost ? (target, selected) => void reply(target, selected) : undefined}
                replyHref={`${pageHref(page)}${page > 1 ? "&" : "?"}reply=${post.number}#comment-body`}
                children={
                  <>
                    {post.votes ? (
                      <VoteControls
                        postId={post.id}
                        anchor={`post-${post.number}`}
                        returnTo={location.pathname + location.search}
                        view={post.votes}
                      />
                    ) : null}
                    {outcomes[post.id] ? (
                      <OutcomeStatus
                        {...outcomes[post.id]}
                        returnTo={`${location.pathname}${location.search}#post-${post.number}`}
                      />
                    ) : null}
                  </>
                }
                flag={
                  <>
                    {signedIn && !post.isOwn && (post.state === "visible" || flagged.includes(post.id)) ? (
                      flagged.includes(post.id) ? (
                        <a href={`/posts/${post.id}/flag`}>
                          You flagged this<span className="visually-hidden"> (post #{post.number})</span>: see what came
                          of it
                        </a>
                      ) : (
                        <a href={`/posts/${post.id}/flag`}>
                          Flag<span className="visually-hidden"> post #{post.number}</span>
                        </a>
                      )
                    ) : null}
                    {isModerator && post.state !== "deleted" ? (
                      <Link to={`/mod/posts/${post.id}`}>Review as moderator</Link>
                    ) : null}
                    {guideSections && post.kind !== "comment" && post.state === "visible" ? (
                      <AddToGuideForm
                        postId={post.id}
                        sections={guideSections}
                        returnTo={`${location.pathname}${location.search}#post-${post.number}`}
                        addedNow={new URLSearchParams(location.search).get("added") === String(post.id)}
                      />
                    ) : null}
                  </>
                }
              />
            </li>
          ))}
        </ol>
        <Pagination page={page} pages={pages} href={pageHref} label="Pages of this thread, again" />
      </section>

      {canPost ? (
        <CommentForm
          key={`${thread.last_post_number}-${replyTo?.id ?? ""}`}
          slug={thread.slug}
          replyTo={replyTo}
          answer={answer}
          busy={busy}
          insert={insert}
        />
      ) : thread.locked_at ? null : (
        <p className="notice">
          <Link to={`/login?${new URLSearchParams({ redirectTo: location.pathname + location.search })}`}>Sign in</Link>{" "}
          or <Link to={`/join?${new URLSearchParams({ redirectTo: location.pathname + location.search })}`}>join</Link>{" "}
          to take part.
        </p>
      )}
    </article>
  );
}

// A vote from this page updates in place; it need not reload the thread.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction?.endsWith("/vote") ? false : defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.thread.title} · Beyond Hello` : "Thread not found · Beyond Hello" },
  ...(data ? [{ name: "description", content: data.thread.prompt }] : []),
  ...(data ? [feedLink(`/threads/${data.thread.slug}/feed.xml`, "New example messages in this thread")] : []),
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
