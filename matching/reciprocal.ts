/**
 * Reciprocal combination: each side's fit in [0, 1] — the viewer's own fit
 * relative to its best option, the other side's standing as a percentile — is
 * combined with a (weighted) harmonic mean, so a pair scores high only when
 * both sides find it plausible.
 */

/** Mid-rank percentile of x in a sorted sample, in [0, 1]. */
export function percentile(sorted: Float32Array, x: number): number {
  const n = sorted.length;
  if (n === 0) return 0.5;
  const v = Math.fround(x);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (sorted[m] < v) lo = m + 1;
    else hi = m;
  }
  if (lo === n || sorted[lo] !== v) return lo / n;
  let eq = lo + 1;
  hi = n;
  while (eq < hi) {
    const m = (eq + hi) >> 1;
    if (sorted[m] <= v) eq = m + 1;
    else hi = m;
  }
  return (lo + 0.5 * (eq - lo)) / n;
}

/** Weighted harmonic mean of two scores in [0, 1]; 0 if either is 0. */
export function reciprocalScore(own: number, other: number, ownWeight = 0.5): number {
  if (!(own > 0) || !(other > 0)) return 0;
  return 1 / (ownWeight / own + (1 - ownWeight) / other);
}
