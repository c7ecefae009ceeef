/**
 * Checks a prediction file's parsed JSON against the shape its benchmark publishes, so a wrong or
 * damaged file fails with a ConfigError naming the file, the expected format and the first place it
 * differs — not with a TypeError deep inside a scorer.
 */

import type { z } from 'zod';
import { ConfigError } from '../../core/errors.js';

/** `value` as `schema` describes it; a ConfigError naming `file` and `expected` when it is not. */
export function parsePredictionShape<Schema extends z.ZodType>(value: unknown, schema: Schema, file: string, expected: string, flag = '--predictions'): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
  throw new ConfigError(file, `is not ${expected}${issue ? ` (${issue.message}${where})` : ''}. Check that ${flag} points at that file.`);
}
