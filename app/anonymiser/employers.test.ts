import { describe, expect, it } from "vitest";
import { anonymise } from ".";

describe("anonymise: employers from cues, whatever the word", () => {
  it.each([
    ["I'm at Ramp now.", "I'm at [company] now."],
    ["PM @ Notion, before that Figma.", "PM @ [company], before that Figma."],
    ["I joined Target in May.", "I joined [company] in May."],
    ["I work for Square.", "I work for [company]."],
    ["Senior Engineer at Oracle", "Senior Engineer at [company]"],
    ["Happy Tết! I joined Zomato last month, ex-Flipkart.", "Happy Tết! I joined [company] last month, ex-[company]."],
    ["i'm at plaid these days", "i'm at [company] these days"],
  ])("%j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it.each([
    "We need a linear process for the target audience.",
    "I'm at home this week, at least until Friday.",
    "Principal Solutions Architect, Enterprise AE, Accounts Payable, University Relations, Responsable RH",
    "I saw your post on LinkedIn.",
  ])("keeps %j", (text) => {
    expect(anonymise(text).text).toBe(text);
  });
});
