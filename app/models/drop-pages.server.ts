/**
 * The one way a write drops the cached pages it makes stale: once its transaction has committed (never
 * if it rolls back), or at once outside a transaction. Dropped any earlier, a visitor's request in
 * between could render the old rows and cache them again. db/dialect/after-commit.ts runs the work after
 * the commit on both engines; with many processes, the shared cache tells the others at that moment.
 * Tags come from pageTag, so no caller builds a tag string by hand.
 */
import { invalidatePages } from "~/utils/page-cache.server";
import { afterCommit } from "../../db/dialect/after-commit";

export function dropPages(...tags: string[]): void {
  afterCommit(() => invalidatePages(tags));
}
