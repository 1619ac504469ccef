import { describe, expect, it } from "vitest";
import { asksQuestion, lengthBucket, mentionsMeeting, scoreBucket, weekStart } from "./approach-features";
import { compareFinding, threadFinding } from "./insight-findings";
import { outcomeSummary } from "./outcomes";
import { replyRate } from "./reply-rate";
import { canShow } from "./small-cell";

const DAY = 86_400_000;

describe("the small-cell rule", () => {
  it("hides four messages and shows five", () => {
    expect(canShow(4)).toBe(false);
    expect(canShow(5)).toBe(true);
  });
});

describe("approach features", () => {
  it("bucket length by words, and spot questions and meetings", () => {
    expect(lengthBucket("one two three")).toBe("short");
    expect(lengthBucket(Array(40).fill("w").join(" "))).toBe("medium");
    expect(lengthBucket(Array(100).fill("w").join(" "))).toBe("long");
    expect(asksQuestion("How did you start?")).toBe(true);
    expect(asksQuestion("Thanks.")).toBe(false);
    expect(mentionsMeeting("Could we grab a coffee?")).toBe(true);
    expect(mentionsMeeting("Commemorate")).toBe(false);
  });

  it("bucket scores only with enough votes, 100% in the top bucket", () => {
    expect(scoreBucket(2, 0)).toBe("few-votes");
    expect(scoreBucket(3, 0)).toBe("80-100");
    expect(scoreBucket(0, 3)).toBe("0-20");
    expect(scoreBucket(1, 1 + 1)).toBe("20-40");
  });

  it("start weeks on Monday 00:00 UTC", () => {
    const wednesday = Date.UTC(2026, 11, 2, 15, 30);
    expect(new Date(weekStart(wednesday)).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(weekStart(Date.UTC(2026, 10, 30))).toBe(Date.UTC(2026, 10, 30));
  });
});

describe("outcome summary", () => {
  it("says how long after sharing it happened", () => {
    const shared = Date.UTC(2026, 11, 1, 9);
    expect(outcomeSummary("replied", shared + 3 * DAY, shared)).toBe("Replied · 3 days later");
    expect(outcomeSummary("met", Date.UTC(2026, 11, 1), shared)).toBe("Met · the same day");
    expect(outcomeSummary("declined", Date.UTC(2026, 10, 20), shared)).toBe("Declined · 20 Nov 2026");
    expect(outcomeSummary("no_answer_yet", shared, shared)).toBe("No answer yet");
  });
});

describe("reply rates and findings", () => {
  it("keep the interval inside 0–1 around the share", () => {
    const rate = replyRate(1, 5);
    expect(rate.share).toBeCloseTo(0.2);
    expect(rate.low).toBeGreaterThan(0);
    expect(rate.low).toBeLessThan(0.2);
    expect(rate.high).toBeGreaterThan(0.2);
    expect(replyRate(5, 5).high).toBe(1);
  });

  it("write a finding from shown rows only", () => {
    expect(threadFinding([{ label: "The opener", rate: null }])).toMatch(/Too few/);
    expect(threadFinding([{ label: "The opener", rate: replyRate(3, 5) }])).toBe(
      "In “The opener”, 60% of 5 approaches with a settled outcome got a reply.",
    );
    const finding = compareFinding(
      [
        { label: "Asks a question", rate: replyRate(40, 50) },
        { label: "Asks none", rate: replyRate(10, 50) },
      ],
      "questions",
    );
    expect(finding).toBe("Asks a question: 80% got a reply; Asks none: 20%.");
  });
});
