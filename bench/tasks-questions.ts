/**
 * `npm run bench:tasks-questions`: the `ask` and `ground` questions of the tasks bench subset one by one,
 * so a shortfall in bench:tasks can be traced to question families and plans. Same model, default budget
 * and planner as bench:tasks; per question: family, form, right or wrong (or the IoU), the strategy, the
 * images and requests the task spent, and the answer. Prints accuracy per family and writes
 * bench/results/tasks-questions.json (OUT=…). VIDEOS=n takes the n shortest; FAMILY=a,b only those
 * families; STRATEGY=… another planner.
 */

import path from 'node:path';
import type { TimeSpan } from '../src/core/time.js';
import { ArtifactCache } from '../src/core/artifact-cache.js';
import { scoreSynthDoc, type SynthDoc } from '../src/eval/benchmark-synth.js';
import { registerOracleProvider } from '../src/eval/synth/oracle/provider.js';
import { createLanguageModel } from '../src/models/create-model.js';
import { registerBuiltinProviders } from '../src/models/providers/builtin.js';
import { runTask } from '../src/tasks/registry.js';
import { benchRoot, benchWork, chooseSubset, log, mediumSpec } from './synth-subset.js';
import { recallAtOne, spanIoU } from './tasks-score.js';
import { mapLimited, videosToScore, writeBenchJson } from './tasks-video.js';

interface QuestionRow {
  video: string;
  id: string;
  family: string;
  form: string;
  /** ask: 1 or 0; ground: the IoU. */
  score: number;
  r1At05?: number;
  strategy: string;
  images: number;
  requests: number;
  answer: string;
  truth: string;
  /** Each request: which pass, the spans its images cover, its frames, and its answer as written. */
  passes: string[];
}

const outFile = path.resolve(process.env.OUT ?? path.join(benchRoot, 'bench', 'results', 'tasks-questions.json'));
const videoCount = Number(process.env.VIDEOS ?? 12);
const families = (process.env.FAMILY ?? '').split(',').filter((f) => f !== '');
const strategy = process.env.STRATEGY;

async function main(): Promise<void> {
  registerBuiltinProviders();
  registerOracleProvider();
  process.env.REELM_ORACLE_OCR_CACHE ??= path.join(benchWork, 'synth-oracle-cache', 'ocr-regions.jsonl');
  const { chosen } = chooseSubset(12);
  const videos = [...chosen].sort((a, b) => a.script.duration - b.script.duration).slice(0, videoCount);
  const model = await createLanguageModel(process.env.MODEL ?? 'oracle:reference', {}, { cache: null, policy: { concurrency: 4 } });
  // Frames are cached between runs of this script (bench:tasks decodes afresh, for its CPU numbers).
  const cache = new ArtifactCache({ root: path.join(benchWork, 'tasks-questions-cache') });
  const rows: QuestionRow[] = [];
  for await (const { truth, video } of videosToScore(videos, [], [])) {
    const questions = truth.questions.filter((q) => families.length === 0 || families.includes(q.family));
    const videoRows = await mapLimited(questions, 4, async (question): Promise<QuestionRow> => {
      const common = { video: truth.videoId, id: question.id, family: question.family, form: question.form };
      const describePasses = (passes: ReadonlyArray<{ pass: string; plan: { estimate: { frames: number } }; answer: string; span?: TimeSpan; spans?: TimeSpan[] }>): string[] =>
        passes.map((pass) => `${pass.pass} [${(pass.spans ?? (pass.span ? [pass.span] : [])).map((s) => `${s.start.toFixed(1)}-${s.end.toFixed(1)}`).join(' ')}] ${pass.plan.estimate.frames} frames: ${pass.answer.replace(/\n/g, ' / ')}`);
      const request = { video, query: question.question, ...(strategy ? { strategy } : {}) };
      if (question.form === 'grounding') {
        const result = await runTask('ground', request, { model, cache });
        const spans = question.spans ?? [];
        return {
          ...common, score: spanIoU(result.spans, spans), r1At05: recallAtOne(result.spans, spans, [0.5])[0]!,
          strategy: result.plan?.strategy ?? '', images: result.usage.images, requests: result.usage.requests ?? 1,
          answer: result.spans.map((s) => `${s.start.toFixed(1)}-${s.end.toFixed(1)}`).join(', '), truth: question.answer, passes: describePasses(result.detail.passes),
        };
      }
      const mc = question.form === 'multiple-choice';
      const result = await runTask('ask', { ...request, ...(mc ? { choices: question.options ?? [] } : {}) }, { model, cache });
      const doc: SynthDoc = { id: question.id, set: mediumSpec.id, video: truth.video, duration: truth.duration, question };
      const score = scoreSynthDoc(doc, mc ? result.detail.choice ?? '' : result.detail.answer);
      return {
        ...common, score: score.accuracy ?? 0, strategy: result.plan?.strategy ?? '', images: result.usage.images,
        requests: result.usage.requests ?? 1, answer: mc ? `${result.detail.choice} (${result.detail.answer.slice(0, 60)})` : result.detail.answer.slice(0, 80),
        truth: mc ? `${question.answer}. ${question.options?.[question.answer.charCodeAt(0) - 65] ?? ''}` : question.answer,
        passes: describePasses(result.detail.passes),
      };
    });
    rows.push(...videoRows);
    const wrong = videoRows.filter((r) => r.form !== 'grounding' && r.score < 1);
    log(`${truth.videoId}: ask ${videoRows.filter((r) => r.form !== 'grounding' && r.score === 1).length}/${videoRows.filter((r) => r.form !== 'grounding').length}; wrong: ${wrong.map((r) => `${r.family}/${r.form === 'open' ? 'o' : 'mc'}`).join(' ') || 'none'}; ground ${videoRows.filter((r) => r.form === 'grounding').map((r) => r.score.toFixed(2)).join(' ')}`);
    await writeBenchJson(outFile, { date: new Date().toISOString(), model: model.id, strategy: strategy ?? 'auto', rows });
  }
  const byFamily = new Map<string, { n: number; sum: number }>();
  for (const row of rows) {
    const key = `${row.family}${row.form === 'grounding' ? ' (ground IoU)' : ''}`;
    const entry = byFamily.get(key) ?? { n: 0, sum: 0 };
    byFamily.set(key, { n: entry.n + 1, sum: entry.sum + row.score });
  }
  for (const [family, { n, sum }] of [...byFamily].sort()) log(`${family.padEnd(22)} ${(sum / n).toFixed(3)} (n=${n})`);
  const asked = rows.filter((r) => r.form !== 'grounding');
  const grounded = rows.filter((r) => r.form === 'grounding');
  log(`ask ${(asked.reduce((s, r) => s + r.score, 0) / Math.max(1, asked.length)).toFixed(3)} (n=${asked.length}); ground mIoU ${(grounded.reduce((s, r) => s + r.score, 0) / Math.max(1, grounded.length)).toFixed(3)} (n=${grounded.length})`);
}

await main();
