/**
 * `run.json`: the record that makes a number reproducible — benchmark and variant, data files' hashes,
 * model id, revision and endpoint (serving engine and version when the server reports them), generation
 * parameters, protocol, strategy and budget, prompt template hash, decoder and ffmpeg version, reelm
 * version and git commit, start and end of every session, totals and metrics. Written when a run starts
 * (so `--resume` can read what was asked) and rewritten when it ends.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../core/atomic-file.js';
import { NotFoundError } from '../../core/errors.js';
import type { ModelEndpoint } from '../../models/language-model.js';
import type { VisualBudget } from '../../plan/visual-plan.js';
import type { MetricResult, OfficialReport } from '../benchmark.js';
import type { CodeVersion } from './run-environment.js';

/** What was asked: enough to resume the run with the same settings. */
export interface RunSettings {
  benchmark: string;
  dataDir: string;
  model: string;
  judge: string | null;
  protocol: string;
  strategy: string | null;
  budget: VisualBudget;
  maxOutputTokens: number;
  limit: number | null;
  concurrency: number;
  maxUsd: number | null;
}

export interface RunTotals {
  samples: number;
  done: number;
  failed: number;
  /** Requests that reached the model (not answered by the response cache), over all sessions. */
  modelCalls: number;
  cachedResponses: number;
  images: number;
  visualTokens: number;
  inputTokens: number;
  outputTokens: number;
  usd: number | null;
}

export interface CategoryScore {
  category: string;
  count: number;
  /** Mean per metric over the category's samples with that metric (unparsed counted as 0). */
  metrics: Record<string, number>;
}

export interface RunRecord {
  version: 1;
  runId: string;
  status: 'running' | 'complete' | 'stopped-at-budget' | 'interrupted' | 'failed-samples';
  settings: RunSettings;
  benchmark: { id: string; base: string; variant: string | null; description: string | null };
  data: { dir: string; files: Record<string, string> };
  model: { id: string; endpoint: ModelEndpoint; revision: string | null; engine: string | null; quantization: string | null; profileFamily: string; prices: unknown };
  generation: { temperature: number; maxOutputTokens: number };
  evidence: { protocol: string; strategy: string | null; budget: VisualBudget; imageFormat: string; imageQuality: number; serverImageSettings: null };
  prompt: { templateHash: string; answerPrefix: string | null };
  decoder: { name: string; ffmpeg: string | null };
  code: CodeVersion;
  sessions: Array<{ startedAt: string; endedAt: string | null; resumed: boolean; samplesRun: number }>;
  startedAt: string;
  endedAt: string | null;
  totals: RunTotals;
  metrics: MetricResult[];
  official: OfficialReport | null;
  categories: CategoryScore[];
  submission: string[];
}

export const runRecordFile = 'run.json';
export const samplesFile = 'samples.jsonl';

export async function writeRunRecord(runDir: string, record: RunRecord): Promise<void> {
  await writeFileAtomic(path.join(runDir, runRecordFile), `${JSON.stringify(record, null, 2)}\n`);
}

/** Reads `<runDir>/run.json`; a NotFoundError saying what a run folder holds otherwise. */
export async function readRunRecord(runDir: string): Promise<RunRecord> {
  const file = path.join(runDir, runRecordFile);
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new NotFoundError(file, `is not a run folder: it has no ${runRecordFile}. Give a folder that \`reelm eval run\` wrote (<out>/<run-id>/).`);
  });
  return JSON.parse(text) as RunRecord;
}
