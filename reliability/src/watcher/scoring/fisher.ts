/**
 * Fisher's exact test, one-sided: the chance of seeing at least `detected` flagged windows among `windows`
 * if windows and non-window stretches were equally likely to be flagged (hypergeometric tail).
 */

const logFactorials: number[] = [0];

function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}

const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

export function fisherOneSided(
  detected: number,
  windows: number,
  falseAlarms: number,
  stretches: number,
): number {
  const flagged = detected + falseAlarms;
  const total = windows + stretches;
  const denominator = logChoose(total, windows);
  let p = 0;
  for (let k = detected; k <= Math.min(windows, flagged); k++) {
    if (flagged - k > stretches) continue;
    p += Math.exp(logChoose(flagged, k) + logChoose(total - flagged, windows - k) - denominator);
  }
  return Math.min(1, p);
}
