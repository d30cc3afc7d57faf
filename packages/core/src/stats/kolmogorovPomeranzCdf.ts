const SCALE_EXPONENT = 128;
const SCALE_UP = 2 ** SCALE_EXPONENT;
const SCALE_DOWN = 2 ** -SCALE_EXPONENT;

/**
 * Pr(D_n ≤ x) for the one-sample two-sided Kolmogorov statistic by Pomeranz's recursion.
 *
 * A TypeScript translation of scipy 1.17's `_kolmogn_Pomeranz` and `_pomeranz_compute_j1j2`
 * (scipy/stats/_ksstats.py, BSD-3-Clause, Copyright (c) 2001-2002 Enthought, Inc. 2003, SciPy
 * Developers). Reference: Pomeranz, "Exact Cumulative Distribution of the Kolmogorov-Smirnov
 * Statistic for Small Samples", Comm. ACM 17 (1974).
 *
 * Cost: O(n · (n·x)²).
 *
 * @example
 * kolmogorovPomeranzCdf(10, 0.5) // => 0.9922225900000009 (scipy's _kolmogn_Pomeranz(10, 0.5): the same)
 */
export function kolmogorovPomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const fraction = t - ll;
  const g = Math.min(fraction, 1 - fraction);
  const ceilFraction = fraction > 0 ? 1 : 0;
  const roundFraction = fraction > 0.5 ? 1 : 0;
  const powerCount = 2 * (ll + 1);
  const gPower = new Float64Array(powerCount);
  const twoGPower = new Float64Array(powerCount);
  const oneMinusTwoGPower = new Float64Array(powerCount);
  gPower[0] = 1;
  twoGPower[0] = 1;
  oneMinusTwoGPower[0] = 1;
  let exponent = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < powerCount; m++) {
    gPower[m] = (gPower[m - 1]! * gOverN) / m;
    twoGPower[m] = (twoGPower[m - 1]! * twoGOverN) / m;
    oneMinusTwoGPower[m] = (oneMinusTwoGPower[m - 1]! * oneMinusTwoGOverN) / m;
  }
  let previousRow = new Float64Array(powerCount);
  let row = new Float64Array(powerCount);
  row[0] = 1;
  let previousStart = 0;
  let rowStart = 0;
  let [j1, j2] = pomeranzInterval(0, n, ll, ceilFraction, roundFraction);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previousRow, row] = [row, previousRow];
    [previousStart, rowStart] = [rowStart, previousStart];
    row.fill(0);
    [j1, j2] = pomeranzInterval(i, n, ll, ceilFraction, roundFraction);
    const powers = i === 1 || i === 2 * n + 1 ? gPower : i % 2 ? twoGPower : oneMinusTwoGPower;
    const length = j2 - k1 + 1;
    if (length > 0) {
      const source = pythonSlice(previousRow, k1 - previousStart, k1 - previousStart + length);
      const convolution = convolve(source, powers.subarray(0, length));
      const start = j1 - k1;
      const count = j2 - j1 + 1;
      for (let index = 0; index < count; index++) row[index] = convolution[start + index]!;
      let largest = Number.NEGATIVE_INFINITY;
      for (let index = 0; index < row.length; index++) if (row[index]! > largest) largest = row[index]!;
      if (largest > 0 && largest < SCALE_DOWN) {
        for (let index = 0; index < row.length; index++) row[index]! *= SCALE_UP;
        exponent -= SCALE_EXPONENT;
      }
      rowStart = previousStart + j1 - k1;
    }
  }
  let answer = row[n - rowStart]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE_UP) {
      answer *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  if (exponent !== 0) answer *= 2 ** exponent;
  return Math.min(Math.max(answer, 0), 1);
}

function pomeranzInterval(
  i: number,
  n: number,
  ll: number,
  ceilFraction: number,
  roundFraction: number,
): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilFraction - 1;
    j2 = ll + ceilFraction - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilFraction - 1;
        j2 = n + ll + ceilFraction - 1;
      } else {
        j1 = half - 1 - ll - roundFraction - 1;
        j2 = half + ll - 1 + ceilFraction - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundFraction - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** `array[start:end]` with Python's rules for negative and out-of-range bounds. */
function pythonSlice(array: Float64Array, start: number, end: number): Float64Array {
  const length = array.length;
  const from = start < 0 ? Math.max(length + start, 0) : Math.min(start, length);
  const to = end < 0 ? Math.max(length + end, 0) : Math.min(end, length);
  return array.subarray(from, Math.max(from, to));
}

/** `numpy.convolve(a, b)` in "full" mode. */
function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const result = new Float64Array(Math.max(a.length + b.length - 1, 0));
  for (let i = 0; i < a.length; i++) {
    const factor = a[i]!;
    if (factor === 0) continue;
    for (let j = 0; j < b.length; j++) result[i + j]! += factor * b[j]!;
  }
  return result;
}
