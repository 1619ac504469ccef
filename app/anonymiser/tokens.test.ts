import { describe, expect, it } from "vitest";
import { anonymise } from ".";

describe("anonymise: technical words, degrees and holidays", () => {
  it("keeps languages, frameworks, degrees and role acronyms", () => {
    const text =
      "I write Python, Elixir and Kotlin (Django, Kafka, Kubernetes). I have an MBA, an MSc and a PhD, " +
      "and moved from QA into UX at a startup.";
    expect(anonymise(text).text).toBe(text);
  });

  it("keeps messaging apps", () => {
    expect(anonymise("Find me on WeChat or Snapchat.").text).toBe("Find me on WeChat or Snapchat.");
  });

  it("keeps holidays of several words", () => {
    const text = "I'm away for Chinese New Year, back after Golden Week, then off for Boxing Day.";
    expect(anonymise(text).text).toBe(text);
  });
});
