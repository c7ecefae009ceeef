/**
 * Parsers for flag values that give typed errors naming the flag, so bad input exits 1 with a message
 * that says which flag and what to write instead.
 */

import { ConfigError } from '../core/errors.js';

export function positiveInteger(flag: string) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(`flag ${flag}`, `"${text}" is not a whole number ≥ 1.`);
    return value;
  };
}

export function positiveNumber(flag: string) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`flag ${flag}`, `"${text}" is not a number > 0.`);
    return value;
  };
}
