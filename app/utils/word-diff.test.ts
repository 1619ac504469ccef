import { describe, expect, it } from "vitest";
import { diffableText, wordDiff } from "./word-diff";

describe("wordDiff", () => {
  it("marks whole words inserted and deleted, keeping the rest as it was", () => {
    const parts = wordDiff("we met at the office today", "we met at the new office");
    expect(parts.filter((p) => p.kind === "added").map((p) => p.text.trim())).toEqual(["new"]);
    expect(parts.filter((p) => p.kind === "removed").map((p) => p.text.trim())).toEqual(["today"]);
    // Reading the unchanged and added parts in order gives the newer text back; unchanged and removed, the older.
    expect(
      parts
        .filter((p) => p.kind !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe("we met at the new office");
    expect(
      parts
        .filter((p) => p.kind !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe("we met at the office today");
  });

  it("keeps markup as text, for React to escape", () => {
    const parts = wordDiff("hello", "hello <script>alert(1)</script>");
    expect(parts.map((p) => p.text).join("")).toBe("hello <script>alert(1)</script>");
  });

  it("puts a context line above the message", () => {
    expect(diffableText("body", "after a talk")).toBe("after a talk\n\nbody");
    expect(diffableText("body", null)).toBe("body");
  });
});
