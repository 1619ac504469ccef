import { describe, expect, it } from "vitest";
import { formatDateTime, plural } from "./format";

describe("formatDateTime", () => {
  it("reads as day, month, year and the minute, in UTC, however many times a minute is asked for", () => {
    const at = Date.UTC(2026, 10, 25, 21, 7, 59, 999);
    expect(formatDateTime(at)).toBe("25 Nov 2026, 21:07 UTC");
    expect(formatDateTime(at - 59_999)).toBe("25 Nov 2026, 21:07 UTC");
    expect(formatDateTime(at + 1)).toBe("25 Nov 2026, 21:08 UTC");
    expect(formatDateTime(Date.UTC(1999, 0, 1, 0, 0))).toBe("1 Jan 1999, 00:00 UTC");
  });

  it("keeps matching Intl's own output across many different minutes", () => {
    const intl = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
    for (let i = 0; i < 12_000; i += 7) {
      const ms = Date.UTC(2025, 0, 1) + i * 61_013;
      expect(formatDateTime(ms)).toBe(`${intl.format(ms)} UTC`);
    }
  });
});

describe("plural", () => {
  it("says one or many, with thousands separated", () => {
    expect(plural(1, "post")).toBe("1 post");
    expect(plural(10_000, "reply", "replies")).toBe("10,000 replies");
  });
});
