/** Threads are read 50 posts a page; post N lives on page ceil(N / 50). */
export const POSTS_PER_PAGE = 50;

export function pageOfPost(number: number): number {
  return Math.max(1, Math.ceil(number / POSTS_PER_PAGE));
}

export function pageCount(lastNumber: number): number {
  return Math.max(1, Math.ceil(lastNumber / POSTS_PER_PAGE));
}

/** A page number from `?page=`, or null when it is not a whole number from 1. */
export function parsePage(value: string | null): number | null {
  if (value === null || value === "") return 1;
  return /^[1-9]\d{0,6}$/.test(value) ? Number(value) : null;
}

export function postHref(slug: string, number: number): string {
  return `/threads/${slug}?page=${pageOfPost(number)}#post-${number}`;
}
