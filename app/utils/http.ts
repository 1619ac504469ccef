/** Small helpers for answering requests. */
import { data } from "@remix-run/node";

/** Throws a response with the given status unless the condition holds (epic-stack's invariantResponse). */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 400 },
): asserts condition {
  if (!condition) throw data(message, init);
}
