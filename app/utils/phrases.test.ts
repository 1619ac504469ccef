import { describe, expect, it } from "vitest";
import { contentWords, phrasesOf, wordRuns } from "./phrases";

describe("phrasesOf", () => {
  it("keeps words and two- and three-word runs that neither start nor end with a little word", () => {
    expect(phrasesOf("Just following up! I would love to hear back.")).toEqual([
      "following",
      "following up",
      "love",
      "love to hear",
      "hear",
      "hear back",
      "back",
    ]);
  });

  it("never joins words across punctuation or a placeholder", () => {
    const phrases = phrasesOf("Thanks [name], great talk. Coffee soon?");
    expect(phrases).toContain("thanks");
    expect(phrases).toContain("great talk");
    expect(phrases).not.toContain("talk coffee");
    expect(phrases).not.toContain("name");
    expect(phrases.some((p) => p.includes("thanks great"))).toBe(false);
  });

  it("reads curly apostrophes as straight ones and ignores case", () => {
    expect(wordRuns("I’m HERE")).toEqual([["i'm", "here"]]);
  });

  it("stops at its limit", () => {
    expect(phrasesOf("alpha beta gamma delta epsilon zeta eta theta", 5)).toHaveLength(5);
  });
});

describe("contentWords", () => {
  it("drops little words and keeps repeats", () => {
    expect(contentWords("The call, the call and you")).toEqual(["call", "call"]);
  });
});
