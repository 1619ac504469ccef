/** Page links for a thread: first, previous, a window around the current page, next, last. */
import { Link } from "@remix-run/react";

function pagesToShow(page: number, pages: number): number[] {
  const shown = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2]);
  return [...shown].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b);
}

export function Pagination({
  page,
  pages,
  href,
  label,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  label: string;
}) {
  if (pages <= 1) return null;
  const shown = pagesToShow(page, pages);
  return (
    <nav className="pagination" aria-label={label}>
      <ul>
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} rel="prev">
              ← Previous
            </Link>
          </li>
        ) : null}
        {shown.map((p, i) => (
          <li key={p}>
            {i > 0 && p - shown[i - 1] > 1 ? <span aria-hidden="true">… </span> : null}
            {p === page ? (
              <span aria-current="page" className="pagination__current">
                {p}
              </span>
            ) : (
              <Link to={href(p)} aria-label={`Page ${p}`}>
                {p}
              </Link>
            )}
          </li>
        ))}
        {page < pages ? (
          <li>
            <Link to={href(page + 1)} rel="next">
              Next →
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** "Back to the start" and "more" links for lists paged by a key (newest first), where page numbers do not exist. */
export function KeysetPager({
  label,
  firstHref,
  firstLabel,
  nextHref,
  nextLabel,
}: {
  label: string;
  firstHref: string | null;
  firstLabel: string;
  nextHref: string | null;
  nextLabel: string;
}) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <ul>
        {firstHref ? (
          <li>
            <Link to={firstHref}>{firstLabel}</Link>
          </li>
        ) : null}
        {nextHref ? (
          <li>
            <Link to={nextHref} rel="next">
              {nextLabel} →
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
