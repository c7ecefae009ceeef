/**
 * How a CLI command is declared: its name, what it does, its arguments and options (each declared once
 * with flag, description and default), and an action that loads the heavy modules it needs only when it
 * runs, so `reelm --help` stays instant.
 */

import type { ReelmConfig } from '../core/config.js';

export interface OptionDeclaration {
  /** Commander flag syntax, e.g. `--count <n>`. */
  flags: string;
  description: string;
  default?: string | boolean;
  /** Parses the text of the flag; throw a ConfigError naming the flag on bad input. */
  parse?: (value: string) => unknown;
  /** Choices shown in help and enforced by commander. */
  choices?: readonly string[];
}

export interface CommandContext {
  /** Where progress bars and notes go (stderr), and where results go (stdout). */
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  signal: AbortSignal;
  /** Global flags (`--no-cache`, `--cache-dir`). */
  globals: { cache: boolean; cacheDir?: string };
  /** The merged configuration (defaults, file, environment, global flags); loaded when a command runs. */
  config: ReelmConfig;
}

export interface CommandDeclaration {
  name: string;
  summary: string;
  /** Longer text shown under `reelm <command> --help`: what it does, examples. */
  help: string;
  arguments: Array<{ name: string; description: string; required: boolean }>;
  options: OptionDeclaration[];
  run(args: string[], options: Record<string, unknown>, context: CommandContext): Promise<void>;
}
