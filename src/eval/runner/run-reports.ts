/**
 * The run's reports: `report.md` (tables) and `report.html` (self-contained: the same tables plus
 * inline SVG charts — per-category bars, score against visual tokens per sample across the runs beside
 * this one in the same output folder, and cost per run).
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../core/atomic-file.js';
import { readRunRecord, type RunRecord } from './run-record.js';
import { primaryMetric } from './summarize-run.js';
import { barChart, escapeXml, scatterChart } from './svg-charts.js';

function formatNumber(value: number | null | undefined, digits = 4): string {
  return value === null || value === undefined ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

export function renderMarkdownReport(record: RunRecord): string {
  const lines = [
    `# ${record.benchmark.id} — ${record.model.id}`,
    '',
    `Run \`${record.runId}\`: ${record.status}; ${record.totals.done}/${record.totals.samples} samples, ${record.totals.failed} failed.`,
    `Protocol ${record.evidence.protocol}, strategy ${record.evidence.strategy ?? 'auto'}, budget ${JSON.stringify(record.evidence.budget)}.`,
    `reelm ${record.code.reelmVersion ?? '?'} at ${record.code.gitCommit ?? 'unknown commit'}; ${record.decoder.ffmpeg ?? 'ffmpeg version unknown'}.`,
    '',
    '| metric | value | count | unparsed |',
    '|---|---|---|---|',
    ...record.metrics.map((m) => `| ${m.name} | ${formatNumber(m.value)} | ${m.count} | ${m.unparsed} |`),
  ];
  if (record.official) {
    lines.push('', '## Official report', '', '| metric | value |', '|---|---|', ...Object.entries(record.official.metrics).map(([name, value]) => `| ${name} | ${formatNumber(value)} |`));
    lines.push('', `Counted ${record.official.counted} of ${record.official.total}; unparsed ${record.official.unparsed}.`);
  }
  const metricNames = record.metrics.map((m) => m.name);
  lines.push('', '## Per category', '', `| category | n | ${metricNames.join(' | ')} |`, `|---|---|${metricNames.map(() => '---').join('|')}|`);
  for (const category of record.categories) lines.push(`| ${category.category} | ${category.count} | ${metricNames.map((name) => formatNumber(category.metrics[name])).join(' | ')} |`);
  const t = record.totals;
  lines.push('', '## Cost', '', `Model calls ${t.modelCalls}, cached responses ${t.cachedResponses}; images ${t.images}, visual tokens ${t.visualTokens}, input tokens ${t.inputTokens}, output tokens ${t.outputTokens}; ${t.usd === null ? 'no prices known' : `$${t.usd.toFixed(4)}`}.`);
  if (record.submission.length > 0) lines.push('', `Submission: ${record.submission.map((file) => `\`${file}\``).join(', ')}.`);
  return `${lines.join('\n')}\n`;
}

/** Other runs of the same benchmark in the same output folder (for the across-runs charts). */
async function siblingRuns(runDir: string, record: RunRecord): Promise<RunRecord[]> {
  const parent = path.dirname(runDir);
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  const runs: RunRecord[] = [];
  for (const name of names.sort()) {
    const folder = path.join(parent, name);
    if (folder === runDir) continue;
    const other = await readRunRecord(folder).catch(() => undefined);
    if (other && other.benchmark.id === record.benchmark.id) runs.push(other);
  }
  return [...runs, record];
}

function runLabel(record: RunRecord): string {
  return `${record.model.id} ${record.evidence.protocol === 'reelm' ? record.evidence.strategy ?? 'auto' : record.evidence.protocol}`;
}

export function renderHtmlReport(record: RunRecord, runs: readonly RunRecord[]): string {
  const metric = primaryMetric(record.metrics);
  const charts: string[] = [];
  if (metric) {
    const bars = record.categories.filter((c) => metric.name in c.metrics).map((c) => ({ label: `${c.category} (n=${c.count})`, value: c.metrics[metric.name]! }));
    charts.push(barChart(`${metric.name} per category`, bars, { max: Math.max(1, ...bars.map((b) => b.value)) }));
    const points = runs.flatMap((run) => {
      const value = run.metrics.find((m) => m.name === metric.name)?.value;
      return value === null || value === undefined || run.totals.done === 0 ? [] : [{ label: runLabel(run), x: run.totals.visualTokens / run.totals.done, y: value, current: run.runId === record.runId }];
    });
    charts.push(scatterChart(`${metric.name} against visual tokens per sample, across runs`, 'visual tokens per sample', metric.name, points));
  }
  const costBars = runs.map((run) => ({ label: runLabel(run), value: run.totals.usd ?? run.totals.inputTokens, text: run.totals.usd === null ? `${run.totals.inputTokens} input tokens` : `$${run.totals.usd.toFixed(4)}` }));
  charts.push(barChart(runs.some((run) => run.totals.usd !== null) ? 'cost per run' : 'input tokens per run (no prices known)', costBars));
  const markdown = renderMarkdownReport(record);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(`${record.benchmark.id} — ${record.model.id}`)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em}pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}svg{display:block;margin:1em 0}</style></head>
<body><h1>${escapeXml(record.benchmark.id)} — ${escapeXml(record.model.id)}</h1>
${charts.join('\n')}
<h2>Report</h2><pre>${escapeXml(markdown)}</pre>
<h2>Run record</h2><pre>${escapeXml(JSON.stringify({ ...record, metrics: undefined, categories: undefined }, null, 2))}</pre>
</body></html>
`;
}

export async function writeRunReports(runDir: string, record: RunRecord): Promise<void> {
  await writeFileAtomic(path.join(runDir, 'report.md'), renderMarkdownReport(record));
  await writeFileAtomic(path.join(runDir, 'report.html'), renderHtmlReport(record, await siblingRuns(runDir, record)));
}
