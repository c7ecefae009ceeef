/**
 * numpy's summation order, where official scorers average with `np.mean`: a contiguous 1-D float64 array
 * is summed pairwise (blocks of up to 128 with 8 accumulators), not left to right, and the last bit of a
 * mean can decide a printed digit. `roundLikePython` is `float(f"{x:.2f}")`, how scripts store numbers.
 */

import { formatFixedLikePython } from '../python-numbers.js';

/** numpy's pairwise summation of `values[start … start+length)`. */
export function pairwiseSum(values: readonly number[], start = 0, length = values.length): number {
  const at = (i: number): number => values[start + i] ?? 0;
  if (length < 8) {
    let sum = -0;
    for (let i = 0; i < length; i += 1) sum += at(i);
    return sum;
  }
  if (length <= 128) {
    const r = [at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7)];
    let i = 8;
    for (; i < length - (length % 8); i += 8) for (let j = 0; j < 8; j += 1) r[j] = r[j]! + at(i + j);
    let sum = ((r[0]! + r[1]!) + (r[2]! + r[3]!)) + ((r[4]! + r[5]!) + (r[6]! + r[7]!));
    for (; i < length; i += 1) sum += at(i);
    return sum;
  }
  let half = Math.floor(length / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, length - half);
}

/** `np.mean` of a 1-D float64 array. */
export function numpyMean(values: readonly number[]): number {
  return pairwiseSum(values) / values.length;
}

/** `float(f"{value:.{digits}f}")`: the number a script keeps after formatting. */
export function roundLikePython(value: number, digits: number): number {
  return Number(formatFixedLikePython(value, digits));
}
