import { describe, expect, it } from "vitest";
import { anonymise } from ".";

describe("anonymise: names by their slot, whatever the word", () => {
  it.each([
    ["hey hope, quick one", "hey [name], quick one"],
    ["HI DAWN! Quick one", "HI [name]! Quick one"],
    ["thx jon, ask sam at stripe", "thx [name], ask [name] at [company]"],
    ["talk to summer at figma about it", "talk to [name] at [company] about it"],
    ["Thanks, Will!", "Thanks, [name]!"],
    ["cc AK on the thread please", "cc [name] on the thread please"],
    ["J.R. said no.", "[name] said no."],
    ["Grace at Canva mentioned you.", "[name] at [company] mentioned you."],
  ])("%j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it.each([
    "I hope you are well.",
    "Hi all, quick one",
    "Thanks again!",
    "I'll adapt to KST.",
    "I have SAP experience, with SAP experience too.",
    "We moved to the U.S. last year.",
    "I will summer in Maine.".replace("Maine", "the hills"),
  ])("keeps %j", (text) => {
    expect(anonymise(text).text).toBe(text);
  });

  it("closes a name with an initial: Thandiwe M.", () => {
    expect(anonymise("Talk soon.\nThandiwe M.").text).toBe("Talk soon.\n[name]");
  });

  it("reads an ALL-CAPS signature", () => {
    expect(anonymise("Best,\nSARAH KIM\nHEAD OF TALENT | BRIGHTWAVE").text).toBe(
      "Best,\n[name]\nHEAD OF TALENT | [company]",
    );
  });
});
