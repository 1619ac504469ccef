/**
 * Ranking example messages by how authentic they feel, without letting a
 * handful of votes beat hundreds. We sort by the lower bound of the Wilson
 * score interval for the share of "feels authentic" votes:
 *
 *   p̂ = positive / n,   z = 1.959964 (95% confidence)
 *
 *   lower = ( p̂ + z²/(2n) − z·√( p̂(1−p̂)/n + z²/(4n²) ) ) / ( 1 + z²/n )
 *
 * With no votes the bound is 0. 3 of 3 gives about 0.44; 40 of 50 about
 * 0.67, so the larger sample ranks higher though its share is lower.
 * (Edwin B. Wilson, 1927; popularised for ranking by Evan Miller, 2009.)
 */
const Z = 1.959964;

export function wilsonLowerBound(positive: number, total: number): number {
  if (total <= 0) return 0;
  const p = positive / total;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * total);
  const margin = Z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  // With no positive votes the exact bound is 0; clamp the rounding error that makes it -1e-17.
  return Math.max(0, (centre - margin) / (1 + z2 / total));
}

/** "N% feel authentic": the plain share, rounded, for display (ranking uses the bound). */
export function authenticShare(positive: number, total: number): number {
  return total === 0 ? 0 : Math.round((100 * positive) / total);
}
