/**
 * Search (issue 16, decision 0015): threads, comments, example messages and guide entries matching a
 * parsed query, as the viewer may see them. Readers find only what readers can see; a moderator may
 * ask for hidden and withheld posts too. Deleted posts are not in the index at all.
 *
 * The engine finds and scores the matches (db/dialect/search-index.ts); the newest CANDIDATES of them
 * are ranked here, so a word found in half the forum costs the same as one found in a thousand posts.
 */
import { sql, type Kysely } from "kysely";
import { postHref } from "~/utils/paging";
import { canModerate, type Actor } from "~/utils/permissions";
import { isEmptyQuery, type SearchKind, type SearchQuery } from "~/utils/search-query";
import { snippet, type SnippetPiece } from "~/utils/search-snippet";
import { matchingDocs, type SearchCandidates } from "../../db/dialect/search-index";
import type { Database } from "../../db/schema";
import { displayName } from "./post-view.server";
import { usernameKey } from "./user.server";
import { myVotes } from "./vote.server";

export const RESULTS_PER_PAGE = 20;
/**
 * Matches shown per query: the newest this many (10 pages). A query matching more is too broad to rank
 * by BM25 in time (SQLite's bm25() reads every match first): its newest matches are shown newest first
 * and its count is estimated (decision 0015).
 */
export const CANDIDATES = 200;

export interface SearchResult {
  kind: SearchKind;
  href: string;
  /** The thread's title (for a thread, its own). */
  threadTitle: string;
  author: string | null;
  createdAt: number;
  snippet: SnippetPiece[];
  /** For example messages and guide entries, when the viewer may see it. */
  score: { authentic: number; votes: number } | null;
  /** Shown to moderators who asked for them: hidden or withheld. */
  hidden: boolean;
}

export interface SearchPage {
  results: SearchResult[];
  /** Matches found; an estimate when `estimated` (more than CANDIDATES). */
  count: number;
  estimated: boolean;
  page: number;
  pageCount: number;
}

interface Candidate {
  id: number;
  kind: SearchKind;
  thread_id: number;
  post_id: number | null;
  guide_entry_id: number | null;
  created_at: number;
  score: number;
  rank: number | null;
}

const EMPTY: Omit<SearchPage, "page"> = { results: [], count: 0, estimated: false, pageCount: 1 };

async function resolveFilters(db: Kysely<Database>, query: SearchQuery) {
  let threadId: number | null = null;
  let authorId: number | null = null;
  if (query.thread !== null) {
    const thread = await db.selectFrom("thread").select("id").where("slug", "=", query.thread).executeTakeFirst();
    if (!thread) return null;
    threadId = thread.id;
  }
  if (query.by !== null) {
    // A deleted account's posts show as a former member's: their name finds nothing.
    const user = await db
      .selectFrom("user")
      .select("id")
      .where("username_key", "=", usernameKey(query.by))
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!user) return null;
    authorId = user.id;
  }
  return { threadId, authorId };
}

/** Finds one page of results for `query`, as `viewer` may see them. */
export async function searchForum(
  db: Kysely<Database>,
  {
    query,
    viewer,
    includeHidden,
    page,
  }: { query: SearchQuery; viewer: Actor | null; includeHidden: boolean; page: number },
): Promise<SearchPage> {
  if (isEmptyQuery(query)) return { ...EMPTY, page };
  const filters = await resolveFilters(db, query);
  if (!filters) return { ...EMPTY, page };
  const positive = query.terms.some((t) => !t.negated);
  const matching = (scored: boolean) => {
    let candidates: SearchCandidates = positive
      ? matchingDocs(db, query.terms, { scored })
      : db
          .selectFrom("search_doc as d")
          .select(sql<number>`0`.as("score"))
          .orderBy("d.id", "desc");
    candidates = candidates
      .leftJoin("post as p", "p.id", "d.post_id")
      .select(["d.id", "d.kind", "d.thread_id", "d.post_id", "d.guide_entry_id", "d.created_at"])
      .select("p.authenticity_rank as rank");
    if (!(includeHidden && canModerate(viewer))) candidates = candidates.where("d.visible", "=", 1);
    if (query.inGuide) candidates = candidates.where("d.kind", "=", "guide_entry");
    else if (query.kind) candidates = candidates.where("d.kind", "=", query.kind);
    if (filters.threadId !== null) candidates = candidates.where("d.thread_id", "=", filters.threadId);
    if (filters.authorId !== null) candidates = candidates.where("d.author_id", "=", filters.authorId);
    return candidates;
  };
  // First the newest matches, unscored: reading them off the index costs little however common the words.
  let rows = (await matching(false)
    .limit(CANDIDATES + 1)
    .execute()) as Candidate[];
  const estimated = rows.length > CANDIDATES;
  let count = rows.length;
  if (estimated) {
    rows = rows.slice(0, CANDIDATES);
    count = await estimateCount(db, rows);
  } else if (positive && query.sort === "relevance" && rows.length > 1) {
    rows = (await matching(true).limit(CANDIDATES).execute()) as Candidate[];
  }
  rankCandidates(rows, query, estimated);
  const pageCount = Math.max(1, Math.ceil(rows.length / RESULTS_PER_PAGE));
  const shown = rows.slice((page - 1) * RESULTS_PER_PAGE, page * RESULTS_PER_PAGE);
  return { results: await describe(db, shown, query, viewer), count, estimated, page, pageCount };
}

/**
 * "About N": the newest CANDIDATES matches cover some stretch of the index's ids; the matches are taken
 * to be as dense over all of it. Counting them all would cost what ranking them all does.
 */
async function estimateCount(db: Kysely<Database>, window: Candidate[]): Promise<number> {
  // Two one-row reads of the primary key (SQLite answers min and max together by scanning the table).
  const [low, high] = await Promise.all(
    (["asc", "desc"] as const).map((direction) =>
      db.selectFrom("search_doc").select("id").orderBy("id", direction).limit(1).executeTakeFirstOrThrow(),
    ),
  );
  const covered = Number(window[0].id) - Number(window[window.length - 1].id) + 1;
  const all = Number(high.id) - Number(low.id) + 1;
  return Math.max(window.length + 1, Math.round((window.length / covered) * all));
}

/** Relevance: the engine's score, then the message's authenticity (newest first when unscored); new; top. */
function rankCandidates(rows: Candidate[], query: SearchQuery, unscored: boolean) {
  const rank = (c: Candidate) => Number(c.rank ?? -1);
  const newest = (a: Candidate, b: Candidate) => b.created_at - a.created_at || b.id - a.id;
  if (query.sort === "new" || (unscored && query.sort === "relevance")) rows.sort(newest);
  else if (query.sort === "top") rows.sort((a, b) => rank(b) - rank(a) || b.score - a.score || newest(a, b));
  else rows.sort((a, b) => b.score - a.score || rank(b) - rank(a) || newest(a, b));
}

/** The words, names and places of the page's results. */
async function describe(
  db: Kysely<Database>,
  rows: Candidate[],
  query: SearchQuery,
  viewer: Actor | null,
): Promise<SearchResult[]> {
  const threadIds = [...new Set(rows.map((r) => r.thread_id))];
  const postIds = rows.flatMap((r) => (r.post_id === null ? [] : [r.post_id]));
  const entryIds = rows.flatMap((r) => (r.guide_entry_id === null ? [] : [r.guide_entry_id]));
  const threads = new Map(
    (threadIds.length
      ? await db
          .selectFrom("thread")
          .leftJoin("user", "user.id", "thread.created_by")
          .select(["thread.id", "thread.slug", "thread.title", "thread.prompt", "thread.context_md"])
          .select(["user.username", "user.deleted_at"])
          .where("thread.id", "in", threadIds)
          .execute()
      : []
    ).map((t) => [t.id, t]),
  );
  const posts = new Map(
    (postIds.length
      ? await db
          .selectFrom("post")
          .innerJoin("user", "user.id", "post.author_id")
          .select(["post.id", "post.number", "post.body", "post.context_line", "post.authentic_count"])
          .select(["post.not_authentic_count", "post.hidden_at", "post.review_pending_at"])
          .select(["user.username", "user.deleted_at"])
          .where("post.id", "in", postIds)
          .execute()
      : []
    ).map((p) => [p.id, p]),
  );
  const entries = new Map(
    (entryIds.length
      ? await db
          .selectFrom("guide_entry")
          .select(["id", "note_md", "curated_body", "curated_context_line"])
          .where("id", "in", entryIds)
          .execute()
      : []
    ).map((e) => [e.id, e]),
  );
  const voted = viewer ? await myVotes(db, { userId: viewer.id, postIds }) : new Map();

  return rows.map((row) => {
    const thread = threads.get(row.thread_id)!;
    const post = row.post_id === null ? undefined : posts.get(row.post_id);
    const entry = row.guide_entry_id === null ? undefined : entries.get(row.guide_entry_id);
    const text =
      row.kind === "thread"
        ? `${thread.prompt} ${thread.context_md}`
        : entry
          ? `${entry.curated_body} ${entry.curated_context_line ?? ""} — ${entry.note_md}`
          : `${post?.body ?? ""} ${post?.context_line ?? ""}`;
    const votes = post ? post.authentic_count + post.not_authentic_count : 0;
    // The guide shows its scores to everyone; thread pages only to a member who has voted (decision 0003).
    const scoreVisible = row.kind === "guide_entry" || (post !== undefined && voted.has(post.id));
    return {
      kind: row.kind,
      href:
        row.kind === "thread"
          ? `/threads/${thread.slug}`
          : entry
            ? `/guide#guide-entry-${entry.id}`
            : postHref(thread.slug, post?.number ?? 1),
      threadTitle: thread.title,
      author:
        row.kind === "thread"
          ? displayName(thread.username, thread.deleted_at)
          : post
            ? displayName(post.username, post.deleted_at)
            : null,
      createdAt: row.created_at,
      snippet: snippet(text, query.highlight),
      score: post && row.kind !== "comment" && scoreVisible ? { authentic: post.authentic_count, votes } : null,
      hidden: post !== undefined && (post.hidden_at !== null || post.review_pending_at !== null),
    };
  });
}
