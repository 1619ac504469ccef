import { describe, expect, it } from "vitest";
import { checkRemixVersion } from "./remix-internals.server";

describe("checkRemixVersion", () => {
  it("accepts the installed Remix and any 2.17 patch", () => {
    expect(() => checkRemixVersion()).not.toThrow();
    expect(() => checkRemixVersion("2.17.0")).not.toThrow();
    expect(() => checkRemixVersion("2.17.12")).not.toThrow();
  });

  it("stops on another version, naming the module and the decision to read", () => {
    for (const version of ["2.18.0", "2.1.7", "3.0.0"]) {
      expect(() => checkRemixVersion(version)).toThrow(/remix-internals\.server\.ts.*Remix 2\.17.*decision 0007/s);
    }
  });
});
