/**
 * `StoreError`: a video store that cannot be opened or written as asked. It names the store file and a
 * stable `reason` a caller can switch on, and its message says what to do, because the fix is always
 * the user's (move a stray file, pick a writable folder, upgrade reelm).
 */

import { ReelmError } from '../../core/errors.js';

export type StoreErrorReason =
  /** The file exists but is not a SQLite database (or is damaged beyond opening). */
  | 'not-a-store'
  /** The store or its folder cannot be written. */
  | 'read-only'
  /** The store was written by a newer reelm whose schema this one does not know. */
  | 'newer-schema'
  /** An explicit store location that does not exist, opened without `create`. */
  | 'missing';

export class StoreError extends ReelmError {
  /** The store file (or folder) concerned. */
  readonly store: string;
  readonly reason: StoreErrorReason;

  constructor(store: string, reason: StoreErrorReason, message: string, options: { cause?: unknown } = {}) {
    super(`${store}: ${message}`, { ...options, kind: 'input' });
    this.name = 'StoreError';
    this.store = store;
    this.reason = reason;
  }

  static override isInstance(error: unknown): error is StoreError {
    return ReelmError.isInstance(error) && error.name === 'StoreError';
  }
}
