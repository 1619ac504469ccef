/**
 * Which phrases mark one group of messages against another: the log-odds ratio with an
 * informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", §3.5.3).
 *
 * For a phrase w seen y_a times among n_a phrase occurrences in group a (and y_b of n_b in b),
 * with a prior of total strength α₀ spread as the phrase's share of both groups together
 * (α_w = α₀ · (y_a + y_b) / (n_a + n_b)):
 *
 *   δ = log((y_a + α_w) / (n_a + α₀ − y_a − α_w)) − log((y_b + α_w) / (n_b + α₀ − y_b − α_w))
 *   σ² ≈ 1 / (y_a + α_w) + 1 / (y_b + α_w),   z = δ / σ
 *
 * The prior pulls rare phrases towards "no difference", so a phrase seen twice cannot outrank
 * one seen two hundred times: sound on small counts, unlike the raw ratio of frequencies.
 */

export interface GroupCounts {
  /** Occurrences of the phrase in group a ("doesn't feel authentic") and group b ("feels authentic"). */
  a: number;
  b: number;
}

export interface Totals {
  /** All phrase occurrences in each group. */
  a: number;
  b: number;
}

export interface LogOdds {
  delta: number;
  variance: number;
  /** Positive: more common in group a; negative: in group b. |z| ≥ 1.96 is the usual 95% line. */
  z: number;
}

/** The prior's total strength when none is given: a few hundred pseudo-occurrences, as Monroe et al. suggest for small corpora. */
export const DEFAULT_PRIOR_STRENGTH = 500;

export function logOddsWithPrior(phrase: GroupCounts, totals: Totals, priorStrength = DEFAULT_PRIOR_STRENGTH): LogOdds {
  const all = totals.a + totals.b;
  if (all <= 0 || phrase.a + phrase.b <= 0) return { delta: 0, variance: Infinity, z: 0 };
  const alphaW = (priorStrength * (phrase.a + phrase.b)) / all;
  const odds = (y: number, n: number) => Math.log((y + alphaW) / (n + priorStrength - y - alphaW));
  const delta = odds(phrase.a, totals.a) - odds(phrase.b, totals.b);
  const variance = 1 / (phrase.a + alphaW) + 1 / (phrase.b + alphaW);
  return { delta, variance, z: delta / Math.sqrt(variance) };
}
