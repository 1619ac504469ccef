import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "./search-query";
import { cjkTokens, foldText, indexedText } from "./search-text";

describe("parseSearchQuery", () => {
  it("reads words, phrases, exclusions, prefixes and filters", () => {
    const q = parseSearchQuery('Follow-up "Exact Phrase" -spam conf* kind:reply by:@Ann thread:x sort:top in:guide');
    expect(q.terms).toEqual([
      { script: "words", tokens: ["follow", "up"], prefix: false, negated: false },
      { script: "words", tokens: ["exact", "phrase"], prefix: false, negated: false },
      { script: "words", tokens: ["spam"], prefix: false, negated: true },
      { script: "words", tokens: ["conf"], prefix: true, negated: false },
    ]);
    expect(q).toMatchObject({ kind: "received_reply", by: "Ann", thread: "x", sort: "top", inGuide: true });
  });

  it("keeps only letters and digits from anything malformed", () => {
    const q = parseSearchQuery('"unbalanced NEAR(a b) OR ^x {title}: * - -- kind:nonsense');
    for (const term of q.terms) for (const token of term.tokens) expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
    expect(q.kind).toBeNull();
    expect(parseSearchQuery("!!! *** ---").terms).toEqual([]);
  });

  it("turns CJK runs into pairs of characters, and one character into a prefix", () => {
    expect(parseSearchQuery("名刺").terms[0]).toMatchObject({ script: "cjk", tokens: ["021517021050"], prefix: false });
    expect(parseSearchQuery("会").terms[0]).toMatchObject({ script: "cjk", tokens: ["020250"], prefix: true });
    expect(parseSearchQuery("名刺").highlight).toEqual([{ word: "名刺", prefix: false }]);
  });
});

describe("the indexed text", () => {
  it("folds diacritics and case", () => {
    expect(foldText("Zoë Ærø Straße")).toBe("zoe aero strasse");
  });
  it("moves CJK runs into their own tokens", () => {
    expect(cjkTokens("名刺")).toEqual(["021517021050", "021050"]);
    expect(indexedText("", "Hi 名刺 there")).toEqual({ title: "", body: "hi   there", cjk: "021517021050 021050" });
  });
});
