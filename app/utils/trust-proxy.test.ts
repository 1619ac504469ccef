import { describe, expect, it } from "vitest";
import { parseTrustProxy } from "./trust-proxy";

describe("parseTrustProxy (issue 13)", () => {
  it("reads a number as a count of proxies, not as an address", () => {
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy(" 2 ")).toBe(2);
  });

  it("reads true and false as booleans", () => {
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("FALSE")).toBe(false);
  });

  it("passes lists of addresses, subnets and Express's names through", () => {
    expect(parseTrustProxy("loopback")).toBe("loopback");
    expect(parseTrustProxy("loopback, 10.0.0.0/8, fc00::1")).toBe("loopback,10.0.0.0/8,fc00::1");
  });

  it("is unset when empty, and refuses what Express would misread", () => {
    expect(parseTrustProxy(undefined)).toBeUndefined();
    expect(parseTrustProxy("")).toBeUndefined();
    expect(() => parseTrustProxy("yes")).toThrow(/TRUST_PROXY/);
  });
});
