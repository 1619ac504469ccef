import { describe, expect, it } from "vitest";
import { anonymise, type RedactionKind } from ".";

const redactedAs = (text: string, kind: RedactionKind): string[] =>
  anonymise(text)
    .redactions.filter((r) => r.kind === kind)
    .map((r) => r.original);

describe("anonymise: organisations", () => {
  it.each([
    ["She nursed at St. Columba's Hospital for years.", "She nursed at [company] for years."],
    ["I volunteer with Saint Anselm Clinic.", "I volunteer with [company]."],
    ["I hear Quillon Ledger is hiring.", "I hear [company] is hiring."],
    ["A friend at Harrowgate Credit Union said so.", "A friend at [company] said so."],
  ])("finds the organisation in %j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it("keeps generic institutions", () => {
    const text = "She worked at the General Hospital and then at the University of Leeds.";
    expect(anonymise(text).text).toBe(text);
  });
});

describe("anonymise: single-word companies", () => {
  it.each([
    ["Congrats on the new job at Figma!", "Figma"],
    ["She joined Miro in March.", "Miro"],
    ["Vellacourt Recruitment Ltd is hiring again.", "Vellacourt Recruitment Ltd"],
    ["We met at the Whakapapa Data meetup.", "Whakapapa Data"],
    ["Trendyol'daki ekipte yer var mı?", "Trendyol"],
    ["so i moved from zalando to a startup called pipersnap labs", "zalando"],
  ])("removes the company in %j", (text, company) => {
    expect(redactedAs(text, "company")).toContain(company);
  });

  it("does not make a company of 'Big Data' or of a tool one talks on", () => {
    expect(anonymise("I work in Big Data.").text).toBe("I work in Big Data.");
    expect(anonymise("Let's talk on Zoom or Slack.").text).toBe("Let's talk on Zoom or Slack.");
  });
});

// The 50 ms bar is held by `npm run -s bench:anonymise`, which prints the figures. This test only
// guards against catastrophic backtracking (seconds, not milliseconds), with room for a busy machine.
