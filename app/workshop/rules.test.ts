import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkDraft, RULES } from "./rules";

const ARTICLE = fs.readFileSync(path.join(__dirname, "connecting-with-people.txt"), "utf8");

function fired(text: string): string[] {
  return checkDraft(text).map((f) => f.rule.id);
}

describe("the article's rules", () => {
  it("quote the article word for word", () => {
    for (const rule of RULES) expect(ARTICLE, rule.id).toContain(rule.quote);
  });

  it("keep the copy of the article identical to the source, where the source is at hand", () => {
    const source = ["../shared/source", "/work/shared/source"]
      .map((dir) => path.join(dir, "connecting-with-people.txt"))
      .find((file) => fs.existsSync(file));
    if (source) expect(fs.readFileSync(source, "utf8")).toBe(ARTICLE);
  });

  it("have one id each", () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
  });
});

describe("invasive-question", () => {
  it("fires on the article's own opener, marking the words", () => {
    const text = "If you could change one thing about your life or your business, what would it be?";
    const [finding] = checkDraft(text);
    expect(finding.rule.id).toBe("invasive-question");
    expect(finding.matches[0].text).toBe("change one thing");
    expect(text.slice(finding.matches[0].start, finding.matches[0].end)).toBe("change one thing");
  });

  it("fires on other personal questions", () => {
    expect(fired("Hi Sam. What keeps you up at night?")).toContain("invasive-question");
    expect(fired("Are you married?")).toContain("invasive-question");
  });

  it("does not fire on a question about their public work, nor on a statement", () => {
    expect(fired("I read your post on rainwater tanks. How did you size yours?")).not.toContain("invasive-question");
    expect(fired("I would change one thing about my pitch.")).not.toContain("invasive-question");
  });
});

describe("accepted-is-not-invitation", () => {
  it("fires on the article's question and on its argument", () => {
    expect(fired("I'm curious? Why did you accept my request to begin with")).toContain("accepted-is-not-invitation");
    expect(fired("You accepted my request, so you must have done so for a reason.")).toContain(
      "accepted-is-not-invitation",
    );
  });

  it("does not fire on thanks for connecting", () => {
    expect(fired("Thanks for connecting. I enjoyed your talk on soil.")).not.toContain("accepted-is-not-invitation");
  });
});

describe("follow-up-pressure", () => {
  it("fires on the article's follow-up", () => {
    expect(fired("Just following up! I would love to hear back from you. Hope all is well.")).toContain(
      "follow-up-pressure",
    );
    expect(fired("Circling back on this one.")).toContain("follow-up-pressure");
  });

  it("does not fire on a follow-up that brings something new", () => {
    expect(fired("Here is the paper I mentioned; no need to reply.")).not.toContain("follow-up-pressure");
  });
});

describe("ask-in-first-message", () => {
  it("fires on a call, a favour or a sale", () => {
    expect(fired("Could we hop on a quick call this week?")).toContain("ask-in-first-message");
    expect(fired("I'd love to pick your brain about hiring.")).toContain("ask-in-first-message");
    expect(fired("Please check out my new course.")).toContain("ask-in-first-message");
  });

  it("does not fire on an offer that asks nothing", () => {
    expect(fired("I wrote up the checklist we used; happy to send it if useful.")).not.toContain(
      "ask-in-first-message",
    );
  });
});

describe("generic-greeting", () => {
  it("fires on a greeting that could go to anyone", () => {
    expect(fired("It's great connecting with you. How are you? I love connecting with people.")).toContain(
      "generic-greeting",
    );
    expect(fired("Hi there, hope this finds you well! Let me know.")).toContain("generic-greeting");
  });

  it("does not fire once the message says why it is written", () => {
    expect(fired("Great connecting with you. I read your post on beekeeping and tried the frame trick.")).not.toContain(
      "generic-greeting",
    );
    expect(fired("Your talk on soil stayed with me.")).not.toContain("generic-greeting");
  });
});

describe("offer-costs-them-more", () => {
  it("fires on the article's offer to meet in person", () => {
    expect(fired("I am willing to come your way and to meet in a very public place of your choosing.")).toContain(
      "offer-costs-them-more",
    );
    expect(fired("Shall we meet for coffee?")).toContain("offer-costs-them-more");
  });

  it("does not fire on an offer that costs them nothing", () => {
    expect(fired("Here is a link to the recording, if it helps.")).not.toContain("offer-costs-them-more");
  });
});

describe("checkDraft", () => {
  it("finds nothing in a specific, generous message", () => {
    expect(
      fired("Your post on composting in flats answered a question I had for months. Here is the bin I ended up with."),
    ).toEqual([]);
  });
});
