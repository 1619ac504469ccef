import { describe, expect, it } from "vitest";
import { isGazetteerName } from "./gazetteer";

describe("the name gazetteer", () => {
  it.each(["Hope", "grace", "DAWN", "Thandiwe", "Olúwaseun".normalize("NFD").replace(/\p{M}/gu, ""), "Summer"])(
    "knows %s",
    (name) => {
      expect(isGazetteerName(name)).toBe(true);
    },
  );

  it.each(["Brightwater", "kubernetes", "", "x"])("does not know %s", (word) => {
    expect(isGazetteerName(word)).toBe(false);
  });
});
