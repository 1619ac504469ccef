import { describe, expect, it } from "vitest";
import { anonymise } from ".";

describe("anonymise: the words it is unsure of ('Are these names?')", () => {
  it("lists capitalised unknown words, kept gazetteer names and words in other scripts", () => {
    expect(anonymise("Loved the Hunter piece you shared, and the Zephyrine launch too.").unsure).toEqual([
      "Hunter",
      "Zephyrine",
    ]);
    expect(anonymise("Thanks! 王芳 mentioned you, and the Marlow team agreed.").unsure).toEqual(["王芳", "Marlow"]);
  });

  it("lists none of what it removed, what the member keeps, or ordinary words", () => {
    const result = anonymise("Hi Sarah, the Zephyrine launch went well. I hope LinkedIn helps.", {
      keep: ["zephyrine"],
    });
    expect(result.unsure).toEqual([]);
  });

  it("is gone once the member removes the word", () => {
    const result = anonymise("Loved the Zephyrine launch.", { remove: ["Zephyrine"] });
    expect(result.text).toBe("Loved the [detail] launch.");
    expect(result.unsure).toEqual([]);
  });
});
