import { describe, expect, it } from "vitest";
import { anonymise, type RedactionKind } from ".";

const redactedAs = (text: string, kind: RedactionKind): string[] =>
  anonymise(text)
    .redactions.filter((r) => r.kind === kind)
    .map((r) => r.original);

describe("anonymise: structured details", () => {
  it.each([
    ["jane.doe@example.com", "jane.doe@example.com"],
    ["write to jane dot doe at example dot com please", "jane dot doe at example dot com"],
    ["jane [at] example [dot] com", "jane [at] example [dot] com"],
    ["nadia (at) fieldnotes (dot) io", "nadia (at) fieldnotes (dot) io"],
  ])("finds the e-mail in %j", (text, original) => {
    expect(redactedAs(text, "email")).toEqual([original]);
  });

  it("does not read 'look at brightwater.io' as an e-mail", () => {
    expect(anonymise("look at brightwater.io today").text).toBe("look at [link] today");
  });

  it.each([
    "+44 20 7946 0958",
    "(415) 555-0132",
    "415.555.0132",
    "07700 900123",
    "+33 1 23 45 67 89",
    "+49 30 1234567",
    "555-0132",
  ])("finds the phone number %s", (phone) => {
    expect(anonymise(`Call me on ${phone} tomorrow.`).text).toBe("Call me on [phone] tomorrow.");
  });

  it("takes extensions with the number", () => {
    expect(redactedAs("ring 415.555.0132 x204 now", "phone")).toEqual(["415.555.0132 x204"]);
    expect(redactedAs("ring 020 7946 0958 ext. 12 now", "phone")).toEqual(["020 7946 0958 ext. 12"]);
  });

  it("leaves dates, years, prices and small numbers alone", () => {
    const text = "From 2019-2023 I earned $120,000 a year; meet 2024-05-12 at 10:30, 3 to 5 people.";
    expect(anonymise(text).text).toBe(text);
  });

  it.each([
    ["https://example.com/a?b=1", "https://example.com/a?b=1"],
    ["www.example.org", "www.example.org"],
    ["linkedin.com/in/jane-doe", "linkedin.com/in/jane-doe"],
    ["calendly.com/jd/30min", "calendly.com/jd/30min"],
    ["brightwater.io", "brightwater.io"],
  ])("finds the link %s and leaves the full stop", (link, original) => {
    expect(anonymise(`See ${link}.`).text).toBe("See [link].");
    expect(redactedAs(`See ${link}.`, "link")).toEqual([original]);
  });

  it("finds handles, including fediverse ones, but not e-mails' @", () => {
    expect(anonymise("ping @jdoe or @anna@mastodon.social").text).toBe("ping [handle] or [handle]");
    expect(anonymise("mail a@b.com").text).toBe("mail [email]");
  });

  it.each([
    "221B Baker Street",
    "1600 Amphitheatre Parkway, Mountain View, CA 94043",
    "12 rue de la Paix",
    "Storgata 12",
  ])("finds the address %s", (address) => {
    expect(anonymise(`We are at ${address}.`).text).toBe("We are at [address].");
  });
});

describe("anonymise: more structured details", () => {
  it.each(["ravenmoor.in", "tallgrass.no", "kestrelhaus.it"])("finds the bare domain %s", (domain) => {
    expect(anonymise(`Site: ${domain}`).text).toBe("Site: [link]");
  });

  it("leaves word-like dotted text alone", () => {
    const text = "We plugged.in nothing; see e.g. v2.1 or 3.14, i.e. fine.";
    expect(anonymise(text).text).toBe(text);
  });

  it.each([
    ["Add me on WeChat: meilin_gz", "Add me on WeChat: [handle]"],
    ["Telegram: ostap_k", "Telegram: [handle]"],
    ["Discord: nova#0420", "Discord: [handle]"],
    ["IG: lena.draws", "IG: [handle]"],
    ["Twitter: harriet_codes", "Twitter: [handle]"],
    ["(X: dmitri_b)", "(X: [handle])"],
    ["on Line or Kakao (my ID is jun_ho_92)", "on Line or Kakao (my ID is [handle])"],
  ])("finds the labelled ID in %j", (text, expected) => {
    expect(anonymise(text).text).toBe(expected);
  });

  it("does not take a word after an app's label for a handle", () => {
    expect(anonymise("Twitter: yes please").text).toBe("Twitter: yes please");
  });

  it.each([
    ["Calle de Serrano 41, 28001 Madrid", "[address]"],
    ["Via Garibaldi 7, 20121 Milano", "[address]"],
    ["Rua Augusta 25, 1100-048 Lisboa", "[address]"],
    ["Keizersgracht 12, 1015 CS Amsterdam", "[address]"],
  ])("finds the street and postcode in %j", (address, expected) => {
    expect(anonymise(`Office: ${address}`).text).toBe(`Office: ${expected}`);
  });
});
