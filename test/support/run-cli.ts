/**
 * Runs the real CLI (src/cli/main.ts through tsx) as a child process, the way a user runs `reelm`, and
 * returns its exit code and output, for the end-to-end CLI tests.
 */

import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A `reelm(...args)` function bound to a working folder, environment and time limit.
 * @example const reelm = cliRunner({ cwd: work, env, timeoutMs: 120_000 }); const { code } = await reelm('probe', 'a.mp4');
 */
export function cliRunner(options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): (...args: string[]) => Promise<CliRun> {
  return async (...args) => {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', path.join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs'), path.join(repoRoot, 'src/cli/main.ts'), ...args], {
        cwd: options.cwd,
        env: options.env,
        timeout: options.timeoutMs,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
    }
  };
}
