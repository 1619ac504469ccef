import { describe, expect, it } from "vitest";
import { removedPhrases } from "./removed-phrases";

describe("removedPhrases", () => {
  it("finds each run of words an edit took out, as a phrase and word by word", () => {
    expect(
      removedPhrases(
        "Talk to our Head of Talent in Manchester, at 14 Deansgate.",
        "Talk to our [name] in [name], at [address].",
      ),
    ).toEqual(["Head of Talent", "Head", "Talent", "Manchester", "14 Deansgate", "14", "Deansgate"]);
  });

  it("finds nothing when only placeholders or nothing changed", () => {
    expect(removedPhrases("Hi [name], thanks.", "Hi [name], thanks.")).toEqual([]);
    expect(removedPhrases("Hi [name], thanks.", "Hi, thanks.")).toEqual([]);
  });

  it("leaves out single common words, which identify nobody", () => {
    expect(removedPhrases("I will see you at the summit", "I will see you at summit")).toEqual([]);
  });

  it("compares words whatever their case and punctuation", () => {
    expect(removedPhrases("Ask Priya. Or ask PRIYA!", "ask priya, or ask")).toEqual(["PRIYA"]);
  });

  it("still finds every missing word in a very long text, without the word-by-word table", () => {
    const long = Array.from({ length: 2000 }, (_, i) => `w${i}`).join(" ");
    expect(removedPhrases(`${long} Zorbley`, long)).toEqual(["Zorbley"]);
  });
});
