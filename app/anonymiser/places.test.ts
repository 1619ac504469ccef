import { describe, expect, it } from "vitest";
import { anonymise } from ".";

describe("anonymise: places, venues, events and house numbers", () => {
  it.each([
    ["I'll be in Lisbon next week for the Brightwave Summit.", "I'll be in [place] next week for the [place]."],
    ["Drop by 14 Deansgate, Manchester any time.", "Drop by [address] any time."],
    ["See you at the Web Summit 2025!", "See you at the [place]!"],
  ])("%j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it("labels each as a place", () => {
    expect(anonymise("the Brightwave Summit in Lisbon").redactions.map((r) => r.kind)).toEqual(["place", "place"]);
  });

  it.each(["Last Week I wrote twice.", "I'm moving to Germany.", "I have 3 Kids and a dog."])("keeps %j", (text) => {
    expect(anonymise(text).text).toBe(text);
  });
});
