import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { getDb } from "~/db.server";
import { searchForum, type SearchResult } from "~/models/search.server";
import { invariantResponse } from "~/server/http.server";
import { getUser } from "~/session.server";
import styles from "~/styles/search.css";
import { formatDate } from "~/utils/format";
import { parsePage } from "~/utils/paging";
import { canModerate } from "~/utils/permissions";
import { isEmptyQuery, MAX_QUERY_LENGTH, parseSearchQuery } from "~/utils/search-query";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, MAX_QUERY_LENGTH);
  const page = parsePage(url.searchParams.get("page"));
  invariantResponse(page !== null, "There is no such page.", { status: 404 });
  const user = await getUser(request);
  const viewer = user ? { id: user.id, role: user.role } : null;
  const moderator = canModerate(viewer);
  // Only moderators may ask for hidden and withheld posts; anyone else's "hidden=1" is ignored.
  const includeHidden = moderator && url.searchParams.get("hidden") === "1";
  const query = parseSearchQuery(q);
  const found = isEmptyQuery(query) ? null : await searchForum(getDb(), { query, viewer, includeHidden, page });
  return { q, found, moderator, includeHidden };
}

const KIND_LABEL: Record<SearchResult["kind"], string> = {
  thread: "Thread",
  comment: "Comment",
  approach: "Approach",
  received_reply: "Received reply",
  guide_entry: "Guide entry",
};

function Result({ result }: { result: SearchResult }) {
  return (
    <li className="search-result">
      <h2>
        <Link to={result.href}>
          {KIND_LABEL[result.kind]} in “{result.threadTitle}”
        </Link>
      </h2>
      <p>
        {result.snippet.map((piece, i) =>
          piece.marked ? <mark key={i}>{piece.text}</mark> : <span key={i}>{piece.text}</span>,
        )}
      </p>
      <p className="meta">
        {result.author ? (
          <>
            {result.kind === "thread" ? "Opened by" : "By"} {result.author} ·{" "}
          </>
        ) : result.kind === "thread" ? null : (
          <>By a former member · </>
        )}
        <time dateTime={new Date(result.createdAt).toISOString()}>{formatDate(result.createdAt)}</time>
        {result.score ? (
          <>
            {" "}
            · {result.score.authentic} of {result.score.votes} {result.score.votes === 1 ? "vote" : "votes"} “feels
            authentic”
          </>
        ) : null}
        {result.hidden ? (
          <>
            {" "}
            · <strong>hidden or withheld</strong>
          </>
        ) : null}
      </p>
    </li>
  );
}

export default function Search() {
  const { q, found, moderator, includeHidden } = useLoaderData<typeof loader>();
  const href = (page: number) => {
    const params = new URLSearchParams({ q });
    if (includeHidden) params.set("hidden", "1");
    if (page > 1) params.set("page", String(page));
    return `?${params.toString()}`;
  };
  return (
    <>
      <h1>Search</h1>
      <Form method="get" className="search-form">
        <div className="field">
          <label htmlFor="search-q">Words to find</label>
          <input id="search-q" type="search" name="q" defaultValue={q} key={q} maxLength={MAX_QUERY_LENGTH} />
        </div>
        {moderator ? (
          <label>
            <input type="checkbox" name="hidden" value="1" defaultChecked={includeHidden} /> Include hidden and withheld
            posts
          </label>
        ) : null}
        <button type="submit">Search</button>
      </Form>
      <details className="search-help">
        <summary>How to search</summary>
        <ul>
          <li>
            Every word must match; <code>"exact phrase"</code>, <code>-word</code> to leave out, <code>follow*</code>{" "}
            for words that start so.
          </li>
          <li>
            <code>kind:approach</code>, <code>kind:reply</code> or <code>kind:comment</code>; <code>in:guide</code>;{" "}
            <code>thread:the-thread-address</code>; <code>by:username</code>.
          </li>
          <li>
            <code>sort:new</code> or <code>sort:top</code> (most authentic first); relevance otherwise.
          </li>
        </ul>
      </details>
      {found === null ? (
        q.trim() === "" ? null : (
          <p>There is nothing to search for in “{q}”: try some words.</p>
        )
      ) : (
        <section aria-labelledby="search-results-title">
          <h2 id="search-results-title" className="visually-hidden">
            Results
          </h2>
          <p role="status">
            {found.count === 0
              ? `Nothing matches “${q}”.`
              : `About ${found.count.toLocaleString("en")} ${
                  found.count === 1 ? "result" : "results"
                }${found.estimated ? ", the newest 200 shown" : ""}${
                  found.pageCount > 1 ? ` · page ${found.page} of ${found.pageCount}` : ""
                }`}
          </p>
          <ol className="search-results">
            {found.results.map((result) => (
              <Result key={result.href + result.kind} result={result} />
            ))}
          </ol>
          <Pagination page={found.page} pages={found.pageCount} href={href} label="Pages of results" />
        </section>
      )}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `“${data.q.slice(0, 60)}” · Search · Beyond Hello` : "Search · Beyond Hello" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
