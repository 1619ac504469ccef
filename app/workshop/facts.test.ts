import { describe, expect, it } from "vitest";
import { medianFacts, messageFacts } from "./facts";

describe("messageFacts", () => {
  it("counts words, characters, questions and reading time", () => {
    const f = messageFacts("Hi Sam! How are you? Did the talk go well?! ");
    expect(f).toEqual({ words: 10, characters: 43, questions: 2, readingSeconds: 3 });
  });

  it("reads nothing in an empty text", () => {
    expect(messageFacts("  ")).toEqual({ words: 0, characters: 0, questions: 0, readingSeconds: 0 });
  });
});

describe("medianFacts", () => {
  it("takes each fact's median", () => {
    const m = medianFacts([messageFacts("one two"), messageFacts("one two three four?"), messageFacts("a b c d e f")]);
    expect(m).toMatchObject({ words: 4, questions: 0, messages: 3 });
  });

  it("is null with nothing to compare", () => {
    expect(medianFacts([])).toBeNull();
  });
});
