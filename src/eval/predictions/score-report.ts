/**
 * What `reelm eval score` prints: a benchmark's official metrics, grouped as its own script groups them
 * (per task, per mode, per category), each value with the text the official script prints for it, plus
 * notes (unparsed answers, items a judge decided, files read). `official` keeps the numbers in the shape
 * the official script writes them, where it writes a file (QVHighlights' metrics JSON).
 */

import type { LanguageModel } from '../../models/language-model.js';
import type { ProgressReporter } from '../../core/progress.js';

export interface ReportRow {
  name: string;
  /** The unrounded value, on the official scale (percent where the official script prints percent). */
  value: number | null;
  /** Exactly as the official script prints it. */
  printed: string;
  /** Items behind the value, where the official script counts them. */
  count?: number;
}

export interface ReportSection {
  title: string;
  rows: ReportRow[];
}

export interface ScoreReport {
  benchmark: string;
  /** The official script this report reproduces (repository and path). */
  officialScript: string;
  sections: ReportSection[];
  notes: string[];
  official?: unknown;
}

export interface ScorePredictionsInput {
  /** The benchmark's files (`--data`); some benchmarks score from the predictions alone. */
  dataDir?: string;
  /** A predictions file, or a folder where the benchmark splits its results per task. */
  predictions: string;
  /** Published judge verdicts to reuse instead of judging again (TempCompass `auto_eval_results/<model>/`). */
  verdicts?: string;
  /** A judge model for answers the rules cannot match; without one (and without verdicts) the rules alone decide. */
  judge?: LanguageModel;
  signal?: AbortSignal;
  onProgress?: ProgressReporter;
}

export type PredictionScorer = (input: ScorePredictionsInput) => Promise<ScoreReport>;

export function row(name: string, value: number | null, printed: string, count?: number): ReportRow {
  return count === undefined ? { name, value, printed } : { name, value, printed, count };
}

/** The report as text: one block per section, names padded into a column. */
export function renderReport(report: ScoreReport): string {
  const lines = [`${report.benchmark} — official metrics (${report.officialScript})`];
  const width = Math.max(4, ...report.sections.flatMap((section) => section.rows.map((r) => r.name.length)));
  for (const section of report.sections) {
    lines.push('', section.title);
    for (const r of section.rows) lines.push(`  ${r.name.padEnd(width)}  ${r.printed.padStart(7)}${r.count === undefined ? '' : `  (n=${r.count})`}`);
  }
  if (report.notes.length) lines.push('', ...report.notes.map((note) => `note: ${note}`));
  return lines.join('\n') + '\n';
}
