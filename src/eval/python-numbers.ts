/**
 * Python's number behaviour where official benchmark scripts print or round numbers, so reelm's reports
 * match theirs to the last printed digit: `format(x, '.1f')` rounds the exact binary value half to even
 * (JS `toFixed` rounds exact ties up), `repr(float)` writes `2.0` where JS writes `2`, and `np.round`
 * multiplies, rounds half to even (`rint`) and divides.
 */

/** `format(x, '.{digits}f')` in Python: the exact decimal value of the double, rounded half to even. */
export function formatFixedLikePython(value: number, digits: number): string {
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
  const negative = value < 0 || Object.is(value, -0);
  // toFixed(100) is exact for |x| >= 2^-46, which covers every score; smaller numbers round to zero anyway.
  const exact = Math.abs(value).toFixed(100);
  const [whole = '0', fraction = ''] = exact.split('.');
  const kept = fraction.slice(0, digits);
  const rest = fraction.slice(digits);
  const firstDropped = rest.charCodeAt(0) - 48;
  const tail = rest.slice(1);
  const lastKept = digits === 0 ? Number(whole.at(-1)) : Number(kept.at(-1));
  const roundUp = firstDropped > 5 || (firstDropped === 5 && (/[1-9]/.test(tail) || lastKept % 2 === 1));
  let digitsText = whole + kept;
  if (roundUp) digitsText = (BigInt(digitsText) + 1n).toString().padStart(digitsText.length, '0');
  const intPart = digits === 0 ? digitsText : digitsText.slice(0, digitsText.length - digits) || '0';
  const fracPart = digits === 0 ? '' : `.${digitsText.slice(digitsText.length - digits)}`;
  return `${negative ? '-' : ''}${intPart}${fracPart}`;
}

/** `format(x, ' .{digits}f')`: a space where a minus sign would go. */
export function formatFixedSpaceSign(value: number, digits: number): string {
  const text = formatFixedLikePython(value, digits);
  return text.startsWith('-') ? text : ` ${text}`;
}

/** `repr(float)`: the shortest round-trip digits, with `.0` on whole numbers and Python's exponent range. */
export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e16 || magnitude < 1e-4)) {
    const [mantissa, exponent = '0'] = value.toExponential().split('e');
    const exp = Number(exponent);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const text = String(value);
  return Number.isInteger(value) ? `${Object.is(value, -0) ? '-0' : text}.0` : text;
}

/** numpy's `rint`: round to the nearest integer, ties to even. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  const rounded = difference > 0.5 ? floor + 1 : difference < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  // rint keeps the sign of a negative number that rounds to zero (-0.5 -> -0.0).
  return rounded === 0 && value < 0 ? -0 : rounded;
}

/** `np.round(value, decimals)`: scale, `rint`, unscale — in doubles, as numpy does. */
export function numpyRound(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return roundHalfEven(value * scale) / scale;
}
