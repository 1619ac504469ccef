import { describe, expect, it } from "vitest";
import { authenticShare, wilsonLowerBound } from "./wilson";

describe("wilsonLowerBound", () => {
  it.each([
    // positive, total, lower bound (computed independently with the closed form at z = 1.96)
    [0, 0, 0],
    [0, 1, 0],
    [1, 1, 0.2065],
    [3, 3, 0.4385],
    [5, 10, 0.2366],
    [40, 50, 0.6696],
    [50, 50, 0.9287],
    [300, 300, 0.9874],
    [150, 300, 0.4437],
  ])("%i of %i → %f", (positive, total, expected) => {
    expect(wilsonLowerBound(positive, total)).toBeCloseTo(expected, 3);
  });

  it("ranks 40 of 50 above 3 of 3, and 300 of 300 above 3 of 3", () => {
    expect(wilsonLowerBound(40, 50)).toBeGreaterThan(wilsonLowerBound(3, 3));
    expect(wilsonLowerBound(300, 300)).toBeGreaterThan(wilsonLowerBound(3, 3));
  });

  it("grows with more positive votes and shrinks with more negative ones", () => {
    expect(wilsonLowerBound(11, 20)).toBeGreaterThan(wilsonLowerBound(10, 20));
    expect(wilsonLowerBound(10, 21)).toBeLessThan(wilsonLowerBound(10, 20));
  });

  it("stays within [0, 1]", () => {
    for (let n = 1; n < 60; n++)
      for (let k = 0; k <= n; k++) {
        const bound = wilsonLowerBound(k, n);
        expect(bound).toBeGreaterThanOrEqual(0);
        expect(bound).toBeLessThanOrEqual(k / n);
      }
  });
});

describe("authenticShare", () => {
  it("rounds the plain share", () => {
    expect(authenticShare(2, 3)).toBe(67);
    expect(authenticShare(0, 0)).toBe(0);
    expect(authenticShare(40, 50)).toBe(80);
  });
});
