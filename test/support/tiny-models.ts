/**
 * The tiny random models of scripts/build-tiny-models.py, built once per script version into
 * `os.tmpdir()/reelm-tiny-models-<script hash>` (built in a scratch folder and renamed into place, so
 * parallel test processes never see half a model). Needs Debian's /usr/bin/python3 with python3-onnx
 * and python3-numpy; `tinyModelsUnavailable()` says why not, for a reasoned skip.
 */

import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../scripts/build-tiny-models.py', import.meta.url));
const python = process.env.REELM_TEST_PYTHON ?? '/usr/bin/python3';

export interface TinyModels {
  /** A LLaVA-layout vision-language model folder. */
  llava: string;
  /** A CLIP-shaped embedder folder. */
  clip: string;
  /** A Whisper-layout speech recogniser folder that says " sound" over loud audio (see the script). */
  whisper: string;
  /** Seconds the build took (0 when it was already built). */
  buildSeconds: number;
}

let built: Promise<TinyModels> | undefined;

async function build(): Promise<TinyModels> {
  const hash = createHash('sha256').update(fs.readFileSync(script)).digest('hex').slice(0, 16);
  const root = path.join(os.tmpdir(), `reelm-tiny-models-${hash}`);
  const result = (buildSeconds: number): TinyModels => ({ llava: path.join(root, 'tiny-llava'), clip: path.join(root, 'tiny-clip'), whisper: path.join(root, 'tiny-whisper'), buildSeconds });
  // tiny-whisper is written last, so its config marks a complete build.
  if (fs.existsSync(path.join(root, 'tiny-whisper', 'config.json'))) return result(0);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'reelm-tiny-models-build-'));
  const started = performance.now();
  try {
    await run(python, [script, scratch], { timeout: 60_000 });
    try {
      fs.renameSync(scratch, root);
    } catch (error) {
      // Another process won the race; its copy is identical.
      if (!fs.existsSync(path.join(root, 'tiny-whisper', 'config.json'))) throw error;
    }
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`building the tiny models failed (${python} ${script}): ${stderr || (error as Error).message}`, { cause: error });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return result((performance.now() - started) / 1000);
}

/** The tiny model folders, built on first call in this process (or found from an earlier process). */
export function tinyModels(): Promise<TinyModels> {
  built ??= build();
  return built;
}

/** Why the tiny models cannot be built here, or undefined when they can. */
export function tinyModelsUnavailable(): string | undefined {
  if (!fs.existsSync(python)) return `${python} is missing`;
  const probe = spawnSync(python, ['-c', 'import onnx, numpy'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.status !== 0) return `${python} lacks onnx/numpy (apt-get install -y python3-onnx python3-numpy)`;
  return undefined;
}
