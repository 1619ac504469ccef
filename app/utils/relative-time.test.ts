import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

const now = Date.UTC(2026, 11, 2, 12, 0);

describe("relativeTime", () => {
  it.each([
    [10_000, "just now"],
    [5 * 60_000, "5 min ago"],
    [3 * 3_600_000 + 59 * 60_000, "3 h ago"],
    [2 * 86_400_000, "2 d ago"],
    [15 * 86_400_000, "2 w ago"],
    [65 * 86_400_000, "2 mo ago"],
    [800 * 86_400_000, "2 y ago"],
  ])("%i ms ago reads %s", (ago, text) => {
    expect(relativeTime(now - ago, now)).toBe(text);
  });
});
