import { describe, expect, it } from "vitest";
import { Bm25Index } from "./bm25";

describe("Bm25Index", () => {
  const index = new Bm25Index();
  const coffee = index.add("Would you like to grab a coffee next week and talk about gardening?");
  const spam = index.add("Just following up on my last message, I would love to hear back from you.");
  const garden = index.add("I loved your post on community gardening; what got you started?");
  index.add("Congratulations on the new role!");

  it("ranks the document sharing the rarest words first", () => {
    const hits = index.query("Following up again: would love to hear back");
    expect(hits[0].doc).toBe(spam);
  });

  it("scores shared rare words above shared common ones", () => {
    const hits = index.query("gardening coffee");
    expect(hits.map((h) => h.doc).slice(0, 2)).toEqual([coffee, garden]);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it("leaves out what `keep` refuses, and finds nothing for unknown words", () => {
    expect(index.query("gardening", { keep: (d) => d !== garden }).map((h) => h.doc)).toEqual([coffee]);
    expect(index.query("zebra")).toEqual([]);
  });

  it("stops after its budget of postings, rarest terms first", () => {
    // "congratulations" is in 1 document, "gardening" in 2: a budget of 1 reads only the rarer term's list.
    const hits = index.query("congratulations gardening", { budget: 1 });
    expect(hits.map((h) => h.doc)).toEqual([3]);
  });

  it("keeps the best k of each group in one pass", () => {
    const top = index.topPerGroup("gardening coffee following", (d) => (d === spam ? "b" : d === 3 ? null : "a"), 1);
    expect(top.get("a")!.map((h) => h.doc)).toEqual([coffee]);
    expect(top.get("b")!.map((h) => h.doc)).toEqual([spam]);
  });
});
