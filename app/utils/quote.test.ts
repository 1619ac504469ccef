import { describe, expect, it } from "vitest";
import { capWords, firstParagraph, markdownQuote, QUOTE_MAX } from "./quote";

describe("a reply's quote", () => {
  it("takes the first paragraph that has words", () => {
    expect(firstParagraph("\n\nFirst line\nstill first\n\nSecond")).toBe("First line\nstill first");
    expect(firstParagraph("One\r\n\r\nTwo")).toBe("One");
    expect(firstParagraph("  \n")).toBe("");
  });

  it("caps long words at a space, with an ellipsis", () => {
    const long = "word ".repeat(100);
    const capped = capWords(long);
    expect(capped.length).toBeLessThanOrEqual(QUOTE_MAX);
    expect(capped.endsWith("word…")).toBe(true);
    expect(capWords("x".repeat(400))).toHaveLength(QUOTE_MAX);
    expect(capWords("short")).toBe("short");
  });

  it("quotes every line and links back to the post", () => {
    expect(markdownQuote("Hello there\nsecond line", { number: 3, href: "/threads/t?page=1#post-3" })).toBe(
      "> Hello there\n> second line\n\n[#3](/threads/t?page=1#post-3)\n\n",
    );
    expect(markdownQuote("a\n\n\n\nb", { number: 1, href: "#post-1" })).toBe("> a\n>\n> b\n\n[#1](#post-1)\n\n");
    expect(markdownQuote("   ", { number: 2, href: "#post-2" })).toBe("[#2](#post-2)\n\n");
  });
});
