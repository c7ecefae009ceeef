/**
 * `runEvaluation`: one benchmark, one model, one setting. Loads the docs, skips those `samples.jsonl`
 * already holds (resume), runs the rest in a bounded pool, appends each finished sample with fsync,
 * stops cleanly at the dollar cap, and writes the run record, the submission files and the reports.
 * Progress goes through the typed progress stream (done/total/ETA) and `onSample` (running cost).
 *
 * @example
 * const model = await createLanguageModel('oracle:reference', {}, { cache: new ResponseCache(dir) });
 * const run = await runEvaluation({ settings: { benchmark: 'synth-small', dataDir, model: model.id, ... }, model, outDir: 'runs' });
 */

import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactCache } from '../../core/artifact-cache.js';
import { writeFileAtomic } from '../../core/atomic-file.js';
import { AbortedError, ConfigError, ReelmError } from '../../core/errors.js';
import { StageProgress, type ProgressReporter } from '../../core/progress.js';
import type { LanguageModel } from '../../models/language-model.js';
import type { ResponseCache } from '../../models/response-cache.js';
import { resolveVariant, type Benchmark } from '../benchmark.js';
import { getBenchmark } from '../benchmark-registry.js';
import { lmmsEvalTemplateSource } from '../protocols/lmms-eval-prompt.js';
import { runBounded } from './bounded-pool.js';
import { withResponseCache } from './cached-model.js';
import { KeyedLock } from './keyed-lock.js';
import { parseProtocol, protocolName, type EvalProtocol } from './protocols.js';
import { writeRunReports } from './run-reports.js';
import { codeVersion, ffmpegVersion, hashDataFiles } from './run-environment.js';
import { runRecordFile, samplesFile, writeRunRecord, type RunRecord, type RunSettings } from './run-record.js';
import { runSample, type SampleContext } from './run-sample.js';
import { readSampleLog, SampleLog } from './sample-log.js';
import { sampleKey, sha256Hex, type SampleRecord } from './sample-record.js';
import { runTotals, scoreRun } from './summarize-run.js';

export interface SampleStatus {
  done: number;
  total: number;
  usd: number | null;
  etaSec: number | undefined;
  record: SampleRecord;
}

export interface EvalRunInput {
  settings: RunSettings;
  model: LanguageModel;
  /** The judge model for benchmarks with a judge step (`settings.judge` names it in the run record). */
  judge?: LanguageModel;
  /** Where new runs go (`<outDir>/<run-id>/`); ignored when resuming. */
  outDir: string;
  /** Continue the run in this folder: samples with a recorded result are skipped. */
  resumeDir?: string;
  runId?: string;
  /** Frames and probes (keyed by content hash); null disables. */
  cache: ArtifactCache | null;
  /** Every model response, keyed by the model's endpoint and the request; null disables. */
  responseCache?: ResponseCache | null;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
  onSample?: (status: SampleStatus) => void;
}

export interface EvalRunResult {
  runDir: string;
  record: RunRecord;
}

/** `id` or `id:variant` → the registered benchmark with the variant spread over it. */
export function resolveBenchmark(spec: string): { benchmark: Benchmark; base: string; variant: string | null } {
  const colon = spec.indexOf(':');
  const base = colon < 0 ? spec : spec.slice(0, colon);
  const variant = colon < 0 ? null : spec.slice(colon + 1);
  return { benchmark: resolveVariant(getBenchmark(base), variant ?? undefined), base, variant };
}

function newRunId(benchmark: string, model: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const slug = `${benchmark}-${model}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').slice(0, 60);
  return `${stamp}-${slug}-${randomBytes(3).toString('hex')}`;
}

/**
 * The hash of the code that turns a doc into a prompt: a changed template shows up as a changed hash.
 * Under lmms-eval's protocol the recorded lmms-eval prompt data and its join for the class are part of it.
 */
export function promptTemplateHash(benchmark: Benchmark, protocol: EvalProtocol = { kind: 'reelm' }): string {
  const parts = [benchmark.docToPrompt, benchmark.docToPromptAtFrames].map((part) => part?.toString() ?? '');
  if (protocol.kind === 'lmms-eval') parts.push(lmmsEvalTemplateSource(benchmark.id, protocol.modelClass));
  return sha256Hex(parts.join('\n'));
}

async function startRecord(input: EvalRunInput, runId: string, benchmark: Benchmark, base: string, variant: string | null, firstPrefix: string | null): Promise<RunRecord> {
  const { settings, model } = input;
  const now = new Date().toISOString();
  return {
    version: 1,
    runId,
    status: 'running',
    settings,
    benchmark: { id: benchmark.id, base, variant, description: benchmark.description ?? null },
    data: { dir: path.resolve(settings.dataDir), files: await hashDataFiles(settings.dataDir) },
    model: {
      id: model.id,
      endpoint: { ...model.endpoint },
      revision: model.endpoint.revision ?? null,
      engine: model.endpoint.engine ?? null,
      quantization: null,
      profileFamily: model.profile.family,
      prices: model.profile.prices ?? null,
    },
    generation: { temperature: 0, maxOutputTokens: settings.maxOutputTokens },
    evidence: { protocol: settings.protocol, strategy: settings.strategy, budget: settings.budget, imageFormat: 'jpeg', imageQuality: 85, serverImageSettings: null },
    prompt: { templateHash: promptTemplateHash(benchmark, parseProtocol(settings.protocol)), answerPrefix: firstPrefix },
    decoder: { name: 'reelm decodeFrames (packet-index stream decoder, seek fallback)', ffmpeg: await ffmpegVersion(input.signal) },
    code: await codeVersion(),
    sessions: [],
    startedAt: now,
    endedAt: null,
    totals: runTotals([], 0, 0),
    metrics: [],
    official: null,
    categories: [],
    submission: [],
  };
}

/**
 * Runs (or resumes) one evaluation and writes everything under its run folder.
 */
export async function runEvaluation(input: EvalRunInput): Promise<EvalRunResult> {
  const { settings } = input;
  const model = input.responseCache ? withResponseCache(input.model, input.responseCache) : input.model;
  const { benchmark, base, variant } = resolveBenchmark(settings.benchmark);
  const protocol = parseProtocol(settings.protocol);
  if (!Number.isInteger(settings.concurrency) || settings.concurrency < 1) throw new ConfigError('flag --concurrency', `must be a whole number ≥ 1, not ${settings.concurrency}.`);
  const docs = await benchmark.load({ dataDir: settings.dataDir, ...(settings.limit === null ? {} : { limit: settings.limit }), ...(input.signal ? { signal: input.signal } : {}) });
  const keys = docs.map((doc, index) => sampleKey(index, doc));

  let runDir: string;
  let record: RunRecord;
  if (input.resumeDir) {
    runDir = path.resolve(input.resumeDir);
    record = JSON.parse(await fs.readFile(path.join(runDir, runRecordFile), 'utf8')) as RunRecord;
  } else {
    const runId = input.runId ?? newRunId(benchmark.id, model.id);
    runDir = path.resolve(input.outDir, runId);
    await fs.mkdir(runDir, { recursive: true });
    record = await startRecord(input, runId, benchmark, base, variant, docs[0] === undefined || protocol.kind === 'lmms-eval' ? null : benchmark.docToPrompt(docs[0]).answerPrefix ?? null);
  }
  const session = { startedAt: new Date().toISOString(), endedAt: null as string | null, resumed: Boolean(input.resumeDir), samplesRun: 0 };
  record.sessions.push(session);
  record.status = 'running';
  await writeRunRecord(runDir, record);

  const logFile = path.join(runDir, samplesFile);
  const known = new Set(keys);
  const records = new Map((await readSampleLog(logFile)).filter((r) => known.has(r.key)).map((r) => [r.key, r] as const));
  const pending = keys.map((key, index) => ({ key, index })).filter(({ key }) => !records.has(key));
  let spent = [...records.values()].reduce((total, r) => total + (r.usage.usd ?? 0), 0);
  const priced = model.profile.prices !== undefined;
  let stoppedAtBudget = false;
  let failed = 0;
  const failures: string[] = [];

  const context: SampleContext = {
    benchmark, model, ...(input.judge ? { judge: input.judge } : {}), cache: input.cache, videoLock: new KeyedLock(), evidenceMemo: new Map(), ...(input.signal ? { signal: input.signal } : {}),
    settings: { protocol, ...(settings.strategy ? { strategy: settings.strategy } : {}), budget: settings.budget, maxOutputTokens: settings.maxOutputTokens },
  };
  const log = await SampleLog.open(logFile);
  const progress = new StageProgress(`eval ${benchmark.id}`, pending.length, input.onProgress);
  const startedAt = performance.now();
  try {
    await runBounded(pending, async ({ key, index }) => {
      try {
        const sample = await runSample(docs[index], index, key, context);
        await log.append(sample);
        records.set(key, sample);
        session.samplesRun += 1;
        spent += sample.usage.usd ?? 0;
        progress.advance();
        const elapsed = (performance.now() - startedAt) / 1000;
        const left = pending.length - session.samplesRun;
        input.onSample?.({ done: records.size, total: keys.length, usd: priced ? spent : null, etaSec: session.samplesRun > 0 ? (elapsed / session.samplesRun) * left : undefined, record: sample });
      } catch (error) {
        if (input.signal?.aborted || AbortedError.isInstance(error)) throw error;
        failed += 1;
        failures.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
        progress.warn(`sample ${key} failed: ${error instanceof Error ? error.message : String(error)}`);
        progress.advance();
      }
    }, {
      concurrency: settings.concurrency,
      ...(input.signal ? { signal: input.signal } : {}),
      shouldStop: () => {
        stoppedAtBudget ||= settings.maxUsd !== null && priced && spent >= settings.maxUsd;
        return stoppedAtBudget;
      },
    });
  } catch (error) {
    record.status = 'interrupted';
    await finishRecord(runDir, record, benchmark, docs, keys, records, failed, session, log);
    throw ReelmError.isInstance(error) ? error : new AbortedError('The evaluation was interrupted; continue it with --resume.', { cause: error });
  }
  if (input.signal?.aborted) record.status = 'interrupted';
  else if (stoppedAtBudget && records.size < keys.length) record.status = 'stopped-at-budget';
  else if (failed > 0) record.status = 'failed-samples';
  else record.status = 'complete';
  progress.finish();
  if (failures.length > 0) await writeFileAtomic(path.join(runDir, 'failures.txt'), `${failures.join('\n')}\n`);
  await finishRecord(runDir, record, benchmark, docs, keys, records, failed, session, log);
  return { runDir, record };
}

async function finishRecord(runDir: string, record: RunRecord, benchmark: Benchmark, docs: readonly unknown[], keys: readonly string[], records: Map<string, SampleRecord>, failed: number, session: RunRecord['sessions'][number], log: SampleLog): Promise<void> {
  await log.close().catch(() => undefined);
  session.endedAt = new Date().toISOString();
  record.endedAt = session.endedAt;
  const ordered = keys.flatMap((key) => (records.has(key) ? [records.get(key)!] : []));
  record.totals = runTotals(ordered, keys.length, failed);
  Object.assign(record, scoreRun(benchmark, docs, keys, records));
  record.submission = await writeSubmission(runDir, benchmark, docs, keys, records);
  await writeRunRecord(runDir, record);
  await writeRunReports(runDir, record);
}

/** The benchmark's own submission files under `<run>/submission/`, from the outputs recorded so far. */
async function writeSubmission(runDir: string, benchmark: Benchmark, docs: readonly unknown[], keys: readonly string[], records: ReadonlyMap<string, SampleRecord>): Promise<string[]> {
  if (!benchmark.toSubmission) return [];
  const outputs = keys.map((key) => records.get(key)?.response.text ?? null);
  const files = benchmark.toSubmission(docs, outputs);
  const written: string[] = [];
  for (const file of files) {
    const relative = path.join('submission', path.normalize(file.path).replace(/^(\.\.(\/|\\|$))+/, ''));
    await writeFileAtomic(path.join(runDir, relative), file.content);
    written.push(relative);
  }
  return written;
}
