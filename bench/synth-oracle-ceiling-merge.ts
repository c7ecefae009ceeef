/**
 * Merges shard runs of bench/synth-oracle-ceiling.ts (SHARD=k/n, run as parallel processes: the two
 * cores' worth of work split by video) into one result: per variant, the sums of the per-video and
 * per-family tallies, the timings of every shard, CPU-seconds summed (this machine is shared, so
 * CPU-seconds / 2 is the estimate for a 2-core machine of our own) and wall time as the longest shard.
 *
 * A question whose request failed (e.g. a client timeout on an overloaded machine) is scored 0 by the
 * shard; here it is taken out of the counts instead, since the oracle never answered it, and listed
 * under `excludedFailures`. A video that appears in several runs is taken from the last run given.
 *
 * Run: node --import tsx bench/synth-oracle-ceiling-merge.ts OUT.json shard-a.json shard-b.json …
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import type { GroundTruth } from '../src/eval/synth/ground-truth.js';
import { benchRoot } from './synth-subset.js';

type Summary = Record<string, number | null>;

interface VariantResult {
  variant: string;
  directory: string;
  videosRun: number;
  videosPlanned: number;
  videoIds: string[];
  overall: Summary;
  perFamily: Record<string, Summary>;
  perVideo: Array<Record<string, unknown>>;
  failures: unknown[];
  timing: Record<string, number | Record<string, number>>;
}

interface ShardResult {
  settings: Record<string, unknown>;
  machine: unknown;
  results: VariantResult[];
  wallSeconds: number;
  cpuSeconds?: number;
}

/** Back from means to sums, add, and to means again. */
function addSummaries(summaries: readonly Summary[]): Summary {
  const total = { mcN: 0, mc: 0, openN: 0, open: 0, groundingN: 0, iou: 0, unparsed: 0 };
  for (const s of summaries) {
    total.mcN += s.mcN ?? 0;
    total.mc += (s.mcAccuracy ?? 0) * (s.mcN ?? 0);
    total.openN += s.openN ?? 0;
    total.open += (s.openAccuracy ?? 0) * (s.openN ?? 0);
    total.groundingN += s.groundingN ?? 0;
    total.iou += (s.groundingMIoU ?? 0) * (s.groundingN ?? 0);
    total.unparsed += s.unparsed ?? 0;
  }
  return {
    mcAccuracy: total.mcN ? total.mc / total.mcN : null, mcN: total.mcN,
    openAccuracy: total.openN ? total.open / total.openN : null, openN: total.openN,
    groundingMIoU: total.groundingN ? total.iou / total.groundingN : null, groundingN: total.groundingN,
    unparsed: total.unparsed,
  };
}

const formKeys = { 'multiple-choice': 'mcN', open: 'openN', grounding: 'groundingN' } as const;

/** Removes one failed (scored 0, never answered) question of `form` from a summary's counts. */
function dropFailure(summary: Summary, form: keyof typeof formKeys): Summary {
  const n = formKeys[form];
  const mean = form === 'multiple-choice' ? 'mcAccuracy' : form === 'open' ? 'openAccuracy' : 'groundingMIoU';
  const count = summary[n] ?? 0;
  const sum = (summary[mean] ?? 0) * count;
  // An empty answer was also counted unparsed.
  return { ...summary, [n]: count - 1, [mean]: count - 1 > 0 ? sum / (count - 1) : null, unparsed: Math.max(0, (summary.unparsed ?? 0) - 1) };
}

function sumTimings(timings: ReadonlyArray<VariantResult['timing']>): Record<string, number | Record<string, number>> {
  const out: Record<string, number | Record<string, number>> = {};
  for (const timing of timings) {
    for (const [key, value] of Object.entries(timing)) {
      if (typeof value === 'number') out[key] = key === 'wallSeconds' ? Math.max(Number(out[key] ?? 0), value) : Number(out[key] ?? 0) + value;
      else {
        const into = (out[key] ??= {}) as Record<string, number>;
        for (const [k, v] of Object.entries(value)) into[k] = (into[k] ?? 0) + v;
      }
    }
  }
  return out;
}

async function main(): Promise<void> {
  const [outFile, ...inputs] = process.argv.slice(2);
  if (!outFile || inputs.length === 0) throw new RangeError('usage: synth-oracle-ceiling-merge.ts OUT.json shard.json…');
  const shards = await Promise.all(inputs.map(async (file) => ({ file, data: JSON.parse(await fs.readFile(file, 'utf8')) as ShardResult })));
  const variants = [...new Set(shards.flatMap((s) => s.data.results.map((r) => r.variant)))];
  const results = await Promise.all(variants.map(async (variant) => {
    const parts = shards.flatMap((s) => s.data.results.filter((r) => r.variant === variant).map((r) => ({ ...r, file: s.file })));
    // A video run again later (to re-ask what failed) replaces the earlier run of it.
    const lastRun = new Map<string, string>();
    for (const p of parts) for (const v of p.perVideo) lastRun.set(String(v.id), p.file);
    const perVideo: Array<Record<string, unknown>> = parts
      .flatMap((p) => p.perVideo.filter((v) => lastRun.get(String(v.id)) === p.file).map((v): Record<string, unknown> => ({ ...v, run: p.file })))
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const replaced = parts.flatMap((p) => p.perVideo.filter((v) => lastRun.get(String(v.id)) !== p.file).map((v) => `${String(v.id)} in ${p.file}`));
    if (replaced.length > 0) throw new RangeError(`videos run twice cannot be merged from per-family sums: ${replaced.join(', ')}; rerun them in one file`);
    const families = [...new Set(parts.flatMap((p) => Object.keys(p.perFamily)))].sort();
    let overall = addSummaries(parts.map((p) => p.overall));
    const perFamily: Record<string, Summary> = Object.fromEntries(families.map((f) => [f, addSummaries(parts.flatMap((p) => (p.perFamily[f] ? [p.perFamily[f]!] : [])))]));
    const failures = parts.flatMap((p) => p.failures as Array<{ video: string; question: string; error: string }>);
    const excludedFailures: Array<{ video: string; question: string; family: string; form: string; error: string }> = [];
    for (const failure of failures) {
      const truth = JSON.parse(await fs.readFile(path.join(benchRoot, parts[0]!.directory, `${failure.video}.json`), 'utf8')) as GroundTruth;
      const question = truth.questions.find((q) => q.id === failure.question);
      if (!question) continue;
      overall = dropFailure(overall, question.form);
      perFamily[question.family] = dropFailure(perFamily[question.family]!, question.form);
      excludedFailures.push({ video: failure.video, question: failure.question, family: question.family, form: question.form, error: failure.error.slice(0, 160) });
    }
    return {
      variant,
      directory: parts[0]!.directory,
      videosRun: perVideo.length,
      videosPlanned: 12,
      videoIds: perVideo.map((v) => String(v.id)),
      overall,
      perFamily,
      excludedFailures,
      perVideo,
      timing: { ...sumTimings(parts.map((p) => p.timing)), shards: parts.map((p) => ({ run: p.file, ...p.timing })) },
    };
  }));
  const cpuSeconds = shards.reduce((n, s) => n + (s.data.cpuSeconds ?? 0), 0);
  const { shard: _shard, videoIdsFilter: _filter, ...settings } = shards[0]!.data.settings;
  const merged = {
    benchmark: 'synth-oracle-ceiling',
    date: new Date().toISOString(),
    // What ran, in words (NOTE=…), for a result that is not the whole check.
    ...(process.env.NOTE ? { whatWasRun: process.env.NOTE } : {}),
    settings: { ...settings, variants, runs: shards.map((s) => ({ file: s.file, shard: s.data.settings.shard, variants: s.data.results.map((r) => r.variant), wallSeconds: s.data.wallSeconds, cpuSeconds: s.data.cpuSeconds })) },
    machine: shards[0]!.data.machine,
    results,
    wallSeconds: Math.max(...shards.map((s) => s.data.wallSeconds)),
    cpuSeconds,
    twoCoreEstimateSeconds: cpuSeconds / 2,
  };
  await fs.writeFile(outFile, JSON.stringify(merged, null, 2) + '\n');
  for (const r of results) {
    console.log(`${r.variant} (${r.videosRun}/${r.videosPlanned} videos): MC ${r.overall.mcAccuracy?.toFixed(3)} (${r.overall.mcN}), open ${r.overall.openAccuracy?.toFixed(3)} (${r.overall.openN}), mIoU ${r.overall.groundingMIoU?.toFixed(3)} (${r.overall.groundingN})`);
  }
  console.log(`CPU ${cpuSeconds.toFixed(0)} s (2-core estimate ${(cpuSeconds / 2 / 60).toFixed(1)} min), longest shard ${(merged.wallSeconds / 60).toFixed(1)} min wall; wrote ${outFile}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
