/**
 * Shared by the store commands' tests (index, search, timeline, library, doctor): runs the real CLI as a
 * child process in a folder, with the cache and data folders pointed into a temporary folder, and makes
 * a library folder holding a copy of a shared clip (the shared media are read-only).
 */

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedMedia = path.resolve(repoRoot, '../shared/media');
const tsxLoader = path.join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs');
const mainScript = path.join(repoRoot, 'src/cli/main.ts');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliWorkspace {
  /** A temporary folder for everything the test writes. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** Runs `reelm …` in `cwd` (default: the workspace root). */
  reelm(args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliRun>;
  /** Starts `reelm …` and returns the child, for commands that run until stopped (`--watch`). */
  spawnReelm(args: readonly string[], options?: { cwd?: string }): ChildProcess;
  /** A new folder under the workspace holding copies of the named shared clips. */
  makeLibrary(name: string, clips: readonly string[]): string;
  /** Removes the workspace. */
  dispose(): void;
}

export function createCliWorkspace(prefix: string): CliWorkspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `reelm-${prefix}-`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REELM_CACHE_DIR: path.join(root, 'cache'),
    REELM_DATA_DIR: path.join(root, 'data'),
    // No config file of the user's leaks into the test.
    XDG_CONFIG_HOME: path.join(root, 'config'),
  };
  delete env.REELM_MODEL;
  delete env.REELM_BASE_URL;
  delete env.REELM_CONFIG;
  return {
    root,
    env,
    async reelm(args, options = {}) {
      try {
        const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', tsxLoader, mainScript, ...args], {
          cwd: options.cwd ?? root,
          env: { ...env, ...options.env },
          timeout: options.timeoutMs ?? 300_000,
          maxBuffer: 64 * 1024 * 1024,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
      }
    },
    spawnReelm(args, options = {}) {
      return spawn(process.execPath, ['--import', tsxLoader, mainScript, ...args], { cwd: options.cwd ?? root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    },
    makeLibrary(name, clips) {
      const folder = path.join(root, name);
      fs.mkdirSync(folder, { recursive: true });
      for (const clip of clips) fs.copyFileSync(path.join(sharedMedia, clip), path.join(folder, clip));
      return folder;
    },
    dispose() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
