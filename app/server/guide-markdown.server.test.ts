import { describe, expect, it } from "vitest";
import type { GuideEntryView, GuideSectionView } from "~/models/guide.server";
import { guideToMarkdown, quote, scoreText } from "./guide-markdown.server";

const ORIGIN = "https://beyond-hello.example";

function entry(
  over: Partial<GuideEntryView["message"]> & { note?: string; mark?: GuideEntryView["mark"] } = {},
): GuideEntryView {
  const { note = "It asks about **their** work.", mark = "do", ...message } = over;
  return {
    id: 1,
    noteMd: note,
    noteHtml: "",
    mark,
    withdrawn: false,
    withdrawnByAuthor: false,
    authorConsent: "did_not_object",
    changedSinceCurated: false,
    current: { bodyHtml: "", contextLine: null },
    message: {
      postId: 10,
      number: 3,
      kind: "approach",
      body: "Hi [name],\n\nI loved your talk.",
      bodyHtml: "",
      contextLine: null,
      authenticCount: 4,
      notAuthenticCount: 1,
      threadSlug: "the-opener",
      threadTitle: "The opener",
      ...message,
    },
  };
}

function section(over: Partial<GuideSectionView> = {}): GuideSectionView {
  return {
    id: 1,
    slug: "openers-that-work",
    title: "Openers that work",
    introMd: "Start with *them*.",
    introHtml: "",
    entries: [entry()],
    ...over,
  };
}

describe("scoreText", () => {
  it("gives the share and the count, or says there are no votes", () => {
    expect(scoreText(4, 1)).toBe("80% feel authentic (5 votes)");
    expect(scoreText(1, 0)).toBe("100% feel authentic (1 vote)");
    expect(scoreText(0, 0)).toBe("no votes yet");
  });
});

describe("quote", () => {
  it("prefixes every line, keeping blank lines inside the quote, and escapes nothing", () => {
    expect(quote("Hi [name],\n\nWhy *not*?")).toBe("> Hi [name],\n>\n> Why *not*?");
  });
});

describe("guideToMarkdown", () => {
  it("writes the title, contents, sections with intros, and each entry with score, quote, note and link", () => {
    const md = guideToMarkdown(
      [
        section(),
        section({
          id: 2,
          slug: "when-someone-says-no",
          title: "When someone says no — gracefully",
          introMd: "",
          entries: [
            entry({
              kind: "received_reply",
              number: 60,
              authenticCount: 0,
              notAuthenticCount: 0,
              contextLine: "reply to my *second* follow-up",
              note: "",
              mark: "avoid",
            }),
          ],
        }),
      ],
      ORIGIN,
    );
    expect(md).toBe(
      [
        "# The Beyond Hello guide",
        "",
        `Example messages from the threads, chosen by moderators, each marked “Do” (an example to follow) or “Avoid” (an example of what not to send), with notes on why. Scores are the share of members who felt the message was authentic. The latest version is at ${ORIGIN}/guide.`,
        "",
        "## Contents",
        "",
        "1. [Openers that work](#openers-that-work)",
        "2. [When someone says no — gracefully](#when-someone-says-no--gracefully)",
        "",
        "## Openers that work",
        "",
        "Start with *them*.",
        "",
        "### Do: Message sent — 80% feel authentic (5 votes)",
        "",
        "> Hi [name],",
        ">",
        "> I loved your talk.",
        "",
        "It asks about **their** work.",
        "",
        `[Read it in its thread: The opener](${ORIGIN}/threads/the-opener?page=1#post-3)`,
        "",
        "## When someone says no — gracefully",
        "",
        "### Avoid: Reply received — no votes yet",
        "",
        "*reply to my \\*second\\* follow-up*",
        "",
        "> Hi [name],",
        ">",
        "> I loved your talk.",
        "",
        `[Read it in its thread: The opener](${ORIGIN}/threads/the-opener?page=2#post-60)`,
        "",
      ].join("\n"),
    );
  });

  it("makes contents anchors unique the way Markdown viewers number repeated headings", () => {
    const md = guideToMarkdown(
      [section({ title: "Follow-ups" }), section({ id: 2, title: "Follow-ups", entries: [] })],
      ORIGIN,
    );
    expect(md).toContain("1. [Follow-ups](#follow-ups)\n2. [Follow-ups](#follow-ups-1)");
    expect(md).toContain("*No example messages in this section yet.*");
  });

  it("says the guide is being written before anything is curated", () => {
    const md = guideToMarkdown([], ORIGIN);
    expect(md).toContain("The guide is being written.");
    expect(md).toContain(`${ORIGIN}/`);
    expect(md).not.toContain("## Contents");
  });
});
