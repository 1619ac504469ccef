/**
 * The phrase statistics on a vote table small enough to work out by hand.
 *
 * Four messages, five voters (A = feels authentic, N = doesn't):
 *
 *   m1 {x, y}: u1 N (invasive), u2 N (invasive, pushy), u3 A
 *   m2 {x}:    u4 N (no reason)
 *   m3 {y, z}: u1 A, u5 A
 *   m4 {z}:    u2 A
 *
 * Each vote observes each phrase of its message once:
 *   group a (N): x 3 (u1@m1, u2@m1, u4@m2), y 2, z 0;  n_a = 2 + 2 + 1 = 5
 *   group b (A): x 1, y 3, z 3;                        n_b = 2 + 2 + 2 + 1 = 7
 * With prior strength α₀ = 12 = n_a + n_b, each phrase's α_w is its own total count:
 *   x: α = 4. δ = ln(7/10) − ln(5/14) = ln(98/50) = ln 1.96 = 0.672944;
 *      σ² = 1/7 + 1/5 = 12/35; z = 0.672944 / 0.585540 = 1.149270
 *   y: α = 5. δ = ln(7/10) − ln(8/11) = ln(77/80) = −0.038221; σ² = 1/7 + 1/8 = 15/56; z = −0.073850
 *   z: α = 3. δ = ln(3/14) − ln(6/13) = ln(13/28) = −0.767255; σ² = 1/3 + 1/6 = 1/2; z = −1.085062
 * Distinct messages / voters: x 2 / 4 (u1 u2 u3 u4), y 2 / 4 (u1 u2 u3 u5), z 2 / 3 (u1 u5 u2).
 */
import { describe, expect, it } from "vitest";
import { logOddsWithPrior } from "./log-odds";
import { PhraseCounter, significantPhrases, type RatedMessage } from "./phrase-stats";

const TABLE: RatedMessage[] = [
  {
    phrases: ["x", "y"],
    votes: [
      { userId: 1, value: "not_authentic", reasons: ["invasive"] },
      { userId: 2, value: "not_authentic", reasons: ["invasive", "pushy"] },
      { userId: 3, value: "authentic", reasons: [] },
    ],
  },
  { phrases: ["x"], votes: [{ userId: 4, value: "not_authentic", reasons: [] }] },
  {
    phrases: ["y", "z"],
    votes: [
      { userId: 1, value: "authentic", reasons: [] },
      { userId: 5, value: "authentic", reasons: [] },
    ],
  },
  { phrases: ["z"], votes: [{ userId: 2, value: "authentic", reasons: [] }] },
];

function counted(voterCap = 10) {
  const counter = new PhraseCounter(voterCap);
  for (const m of TABLE) counter.add(m);
  return counter;
}

describe("logOddsWithPrior", () => {
  it("matches the worked example (x)", () => {
    const r = logOddsWithPrior({ a: 3, b: 1 }, { a: 5, b: 7 }, 12);
    expect(r.delta).toBeCloseTo(Math.log(1.96), 10);
    expect(r.variance).toBeCloseTo(12 / 35, 10);
    expect(r.z).toBeCloseTo(1.14927, 4);
  });

  it("is symmetric: swapping the groups flips the sign", () => {
    const r = logOddsWithPrior({ a: 1, b: 3 }, { a: 7, b: 5 }, 12);
    expect(r.z).toBeCloseTo(-1.14927, 4);
  });

  it("shrinks small counts: 2 of 2 is weaker evidence than 200 of 200 at the same share", () => {
    const small = logOddsWithPrior({ a: 2, b: 0 }, { a: 100, b: 100 }, 100);
    const large = logOddsWithPrior({ a: 200, b: 0 }, { a: 10_000, b: 10_000 }, 100);
    expect(small.z).toBeGreaterThan(0);
    expect(large.z).toBeGreaterThan(3 * small.z);
  });

  it("says nothing of a phrase never seen", () => {
    expect(logOddsWithPrior({ a: 0, b: 0 }, { a: 5, b: 7 }).z).toBe(0);
  });
});

describe("PhraseCounter and significantPhrases", () => {
  it("counts the table as worked out by hand", () => {
    const counter = counted();
    expect(counter.totals).toEqual({ a: 5, b: 7 });
    const x = counter.counts.get("x")!;
    expect([x.messages, x.voterIds.size, x.notAuthentic, x.authentic]).toEqual([2, 4, 3, 1]);
    expect(x.reasons).toEqual({ invasive: 2, pushy: 1 });
    const z = counter.counts.get("z")!;
    expect([z.messages, z.voterIds.size, z.notAuthentic, z.authentic]).toEqual([2, 3, 0, 3]);
  });

  it("gives the hand-worked z of every phrase, strongest first", () => {
    const found = significantPhrases(counted(), { minMessages: 1, minVoters: 1, minZ: 0, priorStrength: 12 });
    expect(found.map((f) => f.phrase)).toEqual(["x", "z", "y"]);
    expect(found[0].z).toBeCloseTo(1.14927, 4);
    expect(found[1].z).toBeCloseTo(-1.085062, 4);
    expect(found[2].z).toBeCloseTo(-0.07385, 4);
    expect(found[0].reasons).toEqual([
      { reason: "invasive", count: 2 },
      { reason: "pushy", count: 1 },
    ]);
  });

  it("leaves out phrases seen by too few distinct voters or too weak", () => {
    const t = { minMessages: 2, minVoters: 4, priorStrength: 12 };
    expect(significantPhrases(counted(), { ...t, minZ: 0 }).map((f) => f.phrase)).toEqual(["x", "y"]);
    expect(significantPhrases(counted(), { ...t, minZ: 1 }).map((f) => f.phrase)).toEqual(["x"]);
    expect(significantPhrases(counted(), { ...t, minMessages: 3, minZ: 0 })).toEqual([]);
  });

  it("counts voters only up to its cap", () => {
    expect(counted(2).counts.get("x")!.voterIds.size).toBe(2);
  });

  it("forgets phrases seen once when it holds too many, keeping the rest and the totals", () => {
    const counter = new PhraseCounter(10, 2);
    for (const m of TABLE) counter.add(m);
    // After m3 (and again after m4) x, y and z were held, 3 > 2: z, in one message so far, was forgotten.
    expect([...counter.counts.keys()].sort()).toEqual(["x", "y"]);
    expect(counter.counts.get("x")!.messages).toBe(2);
    expect(counter.totals).toEqual({ a: 5, b: 7 });
  });
});
