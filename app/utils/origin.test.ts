import { describe, expect, it } from "vitest";
import { comesFromSite, isSafeMethod } from "./origin";

const site = "https://beyond-hello.example";

describe("comesFromSite", () => {
  it.each([
    [{ origin: site, referer: undefined }, true],
    [{ origin: "https://evil.example", referer: `${site}/threads/x` }, false],
    [{ origin: "null", referer: undefined }, false],
    [{ origin: "http://beyond-hello.example", referer: undefined }, false],
    [{ origin: `${site}:443`, referer: undefined }, false],
    [{ origin: undefined, referer: `${site}/threads/x?page=2` }, true],
    [{ origin: undefined, referer: "https://beyond-hello.example.evil.example/" }, false],
    [{ origin: undefined, referer: "not a url" }, false],
    [{ origin: undefined, referer: undefined }, false],
    [{ origin: "", referer: undefined }, false],
  ])("%j → %s", (headers, expected) => {
    expect(comesFromSite(headers, site)).toBe(expected);
  });
});

describe("isSafeMethod", () => {
  it("lets reads through and checks everything else", () => {
    expect(["GET", "head", "OPTIONS"].map(isSafeMethod)).toEqual([true, true, true]);
    expect(["POST", "PUT", "PATCH", "DELETE"].map(isSafeMethod)).toEqual([false, false, false, false]);
  });
});
