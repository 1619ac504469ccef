/**
 * The search box in every page's header: a plain GET form to /search, so it works without JavaScript.
 * On the search page it shows the query being looked at.
 */
import { Form, useLocation, useSearchParams } from "@remix-run/react";

export function HeaderSearch() {
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const current = pathname === "/search" ? (params.get("q") ?? "") : "";
  return (
    <Form method="get" action="/search" role="search" className="header-search">
      <label htmlFor="header-search-q" className="visually-hidden">
        Search the forum
      </label>
      <input
        key={current}
        id="header-search-q"
        type="search"
        name="q"
        defaultValue={current}
        placeholder="Search"
        maxLength={500}
        enterKeyHint="search"
      />
      <button type="submit" className="button--small">
        Search
      </button>
    </Form>
  );
}
