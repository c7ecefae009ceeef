/**
 * The `--library <dir>` option the store commands share, declared once. Kept apart from
 * open-library.ts so declaring a command never loads SQLite: `reelm --help` stays instant.
 */

import type { OptionDeclaration } from './command.js';

export const libraryOption: OptionDeclaration = {
  flags: '--library <dir>',
  description: 'the library folder (default: the nearest library at or above the current folder)',
};
