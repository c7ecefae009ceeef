/**
 * `reelm doctor`: what works on this machine — ffmpeg/ffprobe and their versions, fonts, SQLite with
 * FTS5 and sqlite-vec, each offline analyzer's models (loaded for real), the configured models and
 * embedder (asked for real), chromium — and for each missing piece the one command that adds it.
 * Exits 1 when a required piece (ffmpeg, ffprobe, SQLite) is missing.
 */

import type { CommandDeclaration } from '../command.js';
import { positiveInteger } from '../parse-flags.js';

export const doctorCommand: CommandDeclaration = {
  name: 'doctor',
  summary: 'Check what works on this machine, and how to add what is missing.',
  help: `Checks each piece reelm can use and prints one line per piece: ok, missing, failed or
not configured, with the one command that adds or fixes it. Analyzer models are loaded and
configured models are asked a one-word question, so the answer is real, not a guess.
ffmpeg, ffprobe and SQLite are required (exit status 1 without them); the rest is optional.

Examples:
  reelm doctor
  reelm doctor --json --timeout 20`,
  arguments: [],
  options: [
    { flags: '--timeout <s>', description: 'limit for each check that loads a model or asks a server', default: '60', parse: positiveInteger('--timeout') },
    { flags: '--json', description: 'print the checks as JSON' },
  ],
  async run(_args, options, context) {
    const { runDoctorChecks } = await import('../doctor-checks.js');
    const { NotFoundError } = await import('../../core/errors.js');
    const timeoutSec = typeof options.timeout === 'number' ? options.timeout : Number(options.timeout);
    const print = (line: string): void => {
      if (!options.json) context.stdout.write(line + '\n');
    };
    const results = await runDoctorChecks({ config: context.config, signal: context.signal, timeoutMs: timeoutSec * 1000 }, (result) => {
      print(`${result.status.padEnd(14)} ${result.name.padEnd(22)} ${result.detail}`);
      if (result.fix) print(`${''.padEnd(14)} ${''.padEnd(22)} → ${result.fix}`);
    });
    const broken = results.filter((result) => result.required && result.status !== 'ok');
    if (options.json) context.stdout.write(JSON.stringify({ ok: broken.length === 0, checks: results }, null, 2) + '\n');
    else {
      const optional = results.filter((result) => !result.required && result.status !== 'ok').length;
      print(broken.length === 0 ? `\nreelm can run here${optional > 0 ? ` (${optional} optional piece${optional === 1 ? '' : 's'} missing or not configured)` : ''}.` : '');
    }
    if (broken.length > 0) {
      throw new NotFoundError(broken.map((result) => result.name).join(', '),
        `reelm cannot run here without ${broken.map((result) => result.name).join(', ')}; run the fix shown above (${broken[0]!.fix}).`);
    }
  },
};
