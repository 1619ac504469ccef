/** Small helpers for answering requests. */
import { data, type HeadersFunction } from "@remix-run/node";

/** Throws a response with the given status unless the condition holds (epic-stack's invariantResponse). */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) throw data(message, init);
}

/**
 * A route's `headers` export for its refusals: Remix sends an action's or a thrown answer's headers with the
 * page a browser without JavaScript is shown only through this export, so a 429 page kept no Retry-After.
 */
export const refusalHeaders: HeadersFunction = ({ actionHeaders, errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After") ?? actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
