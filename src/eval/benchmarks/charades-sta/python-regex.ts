/**
 * The pieces of Python's `re` on `str` that the Charades-STA parsers depend on and JavaScript spells
 * differently: `\d` is any Unicode decimal digit, `\b` is a boundary between Unicode word characters
 * (letters, numbers, `_`) and the rest, and `float()`/`int()` accept any decimal digits. Patterns are
 * written with `D` and `B` placeholders and compiled with the `u` flag.
 */

const wordChar = '[\\p{L}\\p{N}_]';
const boundary = `(?:(?<=${wordChar})(?!${wordChar})|(?<!${wordChar})(?=${wordChar}))`;

/** Compiles a pattern written with `\\d` and `\\b` in Python's meaning. */
export function pythonPattern(source: string, flags = 'g'): RegExp {
  return new RegExp(source.replace(/\\d/g, '\\p{Nd}').replace(/\\b/g, boundary), `${flags}u`);
}

/** `re.findall` for a pattern with groups: the groups of every match, in order. */
export function findAll(pattern: RegExp, text: string): string[][] {
  return [...text.matchAll(pattern)].map((match) => match.slice(1).map((group) => group ?? ''));
}

const decimalDigit = /\p{Nd}/u;

/** Unicode keeps each run of decimal digits contiguous, 0 to 9; the value is the offset within the run. */
function digitValue(codePoint: number): number {
  let start = codePoint;
  while (start > 0 && decimalDigit.test(String.fromCodePoint(start - 1))) start--;
  return (codePoint - start) % 10;
}

/** ASCII digits for any decimal digits, so `Number` reads what Python's `float` reads. */
export function asciiDigits(text: string): string {
  return [...text].map((char) => (decimalDigit.test(char) && !/[0-9]/.test(char) ? String(digitValue(char.codePointAt(0)!)) : char)).join('');
}

/** Python's `float(text)` for the digit strings these parsers capture. */
export function pythonFloat(text: string): number {
  return Number(asciiDigits(text));
}
