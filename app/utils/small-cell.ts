/**
 * The small-cell rule of /insights: a count of fewer than five messages is not shown, so that no one
 * member's outcome can be singled out from a chart ("too few to show").
 */
export const SMALL_CELL = 5;

export const TOO_FEW = "too few to show";

export function canShow(messages: number): boolean {
  return messages >= SMALL_CELL;
}
