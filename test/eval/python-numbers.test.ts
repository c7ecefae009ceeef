/**
 * Python's number formatting and numpy's rounding as src/eval/python-numbers.ts reproduces them. Expected
 * strings are what CPython 3.11 prints (`format(x, '.1f')`, `repr(x)`) and numpy 1.24 returns
 * (`np.round(x, 1)`), checked on this machine.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { floatRepr, formatFixedLikePython, formatFixedSpaceSign, numpyRound, roundHalfEven } from '../../src/eval/python-numbers.js';

test("format(x, '.Nf'): the exact binary value rounded half to even, where toFixed rounds ties up", () => {
  const cases: Array<[number, number, string]> = [
    [0.25, 1, '0.2'], [12.25, 1, '12.2'], [0.75, 1, '0.8'], [66.66666666666667, 1, '66.7'], [2.675, 2, '2.67'], [1.45, 1, '1.4'],
    [99.95, 1, '100.0'], [0, 1, '0.0'], [100, 1, '100.0'], [0.5, 0, '0'], [1.5, 0, '2'], [-2.5, 0, '-2'], [0.66667, 5, '0.66667'],
  ];
  for (const [value, digits, expected] of cases) assert.equal(formatFixedLikePython(value, digits), expected, `${value} .${digits}f`);
  assert.equal((0.25).toFixed(1), '0.3');
});

test("format(x, ' .1f') puts a space where the sign would be", () => {
  assert.equal(formatFixedSpaceSign(66.66666666666667, 1), ' 66.7');
  assert.equal(formatFixedSpaceSign(-1.25, 1), '-1.2');
});

test('repr(float): whole numbers keep ".0", exponents as Python writes them', () => {
  assert.equal(floatRepr(2), '2.0');
  assert.equal(floatRepr(24.3), '24.3');
  assert.equal(floatRepr(17.296875), '17.296875');
  assert.equal(floatRepr(57.142857142857146), '57.142857142857146');
  assert.equal(floatRepr(1e16), '1e+16');
  assert.equal(floatRepr(0.0001), '0.0001');
  assert.equal(floatRepr(0.00001), '1e-05');
});

test('np.round(x, 1): multiply, rint (ties to even), divide', () => {
  assert.equal(roundHalfEven(42.5), 42);
  assert.equal(roundHalfEven(43.5), 44);
  assert.equal(roundHalfEven(-0.5), -0);
  assert.equal(numpyRound(4.25, 1), 4.2);
  assert.equal(numpyRound(17.150000000000002, 1), 17.2);
  assert.equal(numpyRound(25.650000000000002, 1), 25.6);
});
