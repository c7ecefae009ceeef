/**
 * The arithmetic of bench/synth-budget.ts, apart from its running: accuracy and mIoU per strategy and
 * budget pooled over videos, the budget B at which uniform sampling reaches 90% of its 2-fps accuracy,
 * the tokens the default planner (`auto`) needs to match uniform at B, that ratio with a bootstrap
 * confidence interval over videos, and the SVG chart.
 */

import { mulberry32 as random } from '../src/core/seeded-random.js';

/** One strategy at one budget on one video. */
export interface BudgetCell {
  strategy: string;
  budget: number;
  video: string;
  visualTokens: number;
  images: number;
  frames: number;
  /** Multiple-choice and open questions together. */
  correct: number;
  answered: number;
  iouSum: number;
  groundingN: number;
}

/** The 2-fps reference of one video. */
export interface ReferenceCell {
  video: string;
  visualTokens: number;
  correct: number;
  answered: number;
  iouSum: number;
  groundingN: number;
}

export interface CurvePoint {
  budget: number;
  accuracy: number;
  mIoU: number | null;
  meanVisualTokens: number;
}

/** Accuracy, mIoU and mean tokens per budget of one strategy over the given videos (with repeats). */
export function curve(cells: readonly BudgetCell[], strategy: string, videos: readonly string[]): CurvePoint[] {
  const budgets = [...new Set(cells.filter((c) => c.strategy === strategy).map((c) => c.budget))].sort((a, b) => a - b);
  return budgets.map((budget) => {
    const byVideo = new Map(cells.filter((c) => c.strategy === strategy && c.budget === budget).map((c) => [c.video, c]));
    let correct = 0, answered = 0, iou = 0, grounding = 0, tokens = 0, n = 0;
    for (const video of videos) {
      const cell = byVideo.get(video);
      if (!cell) continue;
      correct += cell.correct;
      answered += cell.answered;
      iou += cell.iouSum;
      grounding += cell.groundingN;
      tokens += cell.visualTokens;
      n++;
    }
    return { budget, accuracy: answered ? correct / answered : 0, mIoU: grounding ? iou / grounding : null, meanVisualTokens: n ? tokens / n : 0 };
  });
}

export interface BudgetGoal {
  referenceAccuracy: number;
  /** Smallest budget where uniform reaches 90% of its 2-fps accuracy; null when none does. */
  B: number | null;
  uniformAccuracyAtB: number | null;
  uniformTokensAtB: number | null;
  /** Smallest budget where auto reaches uniform's accuracy at B, and its mean tokens. */
  autoBudget: number | null;
  autoTokens: number | null;
  /** autoTokens / uniformTokensAtB; the goal is ≤ 0.25. Infinity when auto never reaches it. */
  ratio: number | null;
}

export function budgetGoal(cells: readonly BudgetCell[], references: readonly ReferenceCell[], videos: readonly string[]): BudgetGoal {
  const refs = new Map(references.map((r) => [r.video, r]));
  let correct = 0, answered = 0;
  for (const video of videos) {
    correct += refs.get(video)?.correct ?? 0;
    answered += refs.get(video)?.answered ?? 0;
  }
  const referenceAccuracy = answered ? correct / answered : 0;
  const uniform = curve(cells, 'uniform', videos);
  const atB = uniform.find((p) => p.accuracy >= 0.9 * referenceAccuracy - 1e-12);
  if (!atB) return { referenceAccuracy, B: null, uniformAccuracyAtB: null, uniformTokensAtB: null, autoBudget: null, autoTokens: null, ratio: null };
  const auto = curve(cells, 'auto', videos).find((p) => p.accuracy >= atB.accuracy - 1e-12);
  return {
    referenceAccuracy,
    B: atB.budget,
    uniformAccuracyAtB: atB.accuracy,
    uniformTokensAtB: atB.meanVisualTokens,
    autoBudget: auto?.budget ?? null,
    autoTokens: auto?.meanVisualTokens ?? null,
    ratio: auto ? auto.meanVisualTokens / atB.meanVisualTokens : Infinity,
  };
}

/** Percentile bootstrap over videos (resampled with replacement) of the auto/uniform token ratio. */
export function bootstrapRatio(cells: readonly BudgetCell[], references: readonly ReferenceCell[], videos: readonly string[], rounds = 2000, seed = 4): { low: number; high: number; rounds: number; undefinedRounds: number } {
  const next = random(seed);
  const ratios: number[] = [];
  let undefinedRounds = 0;
  for (let r = 0; r < rounds; r++) {
    const sample = videos.map(() => videos[Math.floor(next() * videos.length)]!);
    const goal = budgetGoal(cells, references, sample);
    if (goal.ratio === null) undefinedRounds++;
    else ratios.push(goal.ratio);
  }
  ratios.sort((a, b) => a - b);
  const at = (q: number): number => ratios[Math.min(ratios.length - 1, Math.max(0, Math.floor(q * ratios.length)))] ?? NaN;
  return { low: at(0.025), high: at(0.975), rounds, undefinedRounds };
}

const palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Two panels, accuracy and grounding mIoU against mean visual tokens (log scale), one line per
 * strategy, the 2-fps reference as a dashed line.
 */
export function renderChart(curves: ReadonlyArray<{ strategy: string; points: CurvePoint[] }>, reference: { accuracy: number; mIoU: number | null; tokens: number }, title: string): string {
  const panelW = 460, panelH = 300, margin = { left: 56, right: 16, top: 40, bottom: 48 };
  const legendRows = Math.ceil((curves.length + 1) / 5);
  const width = 2 * (panelW + margin.left + margin.right), height = panelH + margin.top + margin.bottom + 20 + 20 * legendRows;
  const all = curves.flatMap((c) => c.points.map((p) => p.meanVisualTokens)).concat(reference.tokens).filter((t) => t > 0);
  const lo = Math.log10(Math.min(...all)) - 0.05, hi = Math.log10(Math.max(...all)) + 0.05;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`, `<rect width="100%" height="100%" fill="white"/>`, `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`];
  const panels: Array<{ name: string; value: (p: CurvePoint) => number | null; ref: number | null }> = [
    { name: 'accuracy (multiple choice + open)', value: (p) => p.accuracy, ref: reference.accuracy },
    { name: 'grounding mIoU', value: (p) => p.mIoU, ref: reference.mIoU },
  ];
  panels.forEach((panel, k) => {
    const ox = k * (panelW + margin.left + margin.right) + margin.left, oy = margin.top;
    const x = (tokens: number): number => ox + ((Math.log10(tokens) - lo) / (hi - lo)) * panelW;
    const y = (value: number): number => oy + (1 - value) * panelH;
    parts.push(`<rect x="${ox}" y="${oy}" width="${panelW}" height="${panelH}" fill="none" stroke="#888"/>`);
    for (let v = 0; v <= 1.0001; v += 0.2) parts.push(`<line x1="${ox}" x2="${ox + panelW}" y1="${y(v)}" y2="${y(v)}" stroke="#eee"/><text x="${ox - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(1)}</text>`);
    for (let e = Math.floor(lo); e <= Math.floor(hi); e++) {
      for (const m of [1, 2, 5]) {
        const t = m * 10 ** e;
        if (Math.log10(t) < lo || Math.log10(t) > hi) continue;
        parts.push(`<line x1="${x(t)}" x2="${x(t)}" y1="${oy}" y2="${oy + panelH}" stroke="#eee"/><text x="${x(t)}" y="${oy + panelH + 16}" text-anchor="middle">${t >= 1000 ? `${t / 1000}k` : t}</text>`);
      }
    }
    parts.push(`<text x="${ox + panelW / 2}" y="${oy + panelH + 34}" text-anchor="middle">visual tokens per request (mean over videos, log scale)</text>`);
    parts.push(`<text x="${ox + panelW / 2}" y="${oy - 8}" text-anchor="middle" font-weight="bold">${escapeXml(panel.name)}</text>`);
    if (panel.ref !== null) parts.push(`<line x1="${ox}" x2="${ox + panelW}" y1="${y(panel.ref)}" y2="${y(panel.ref)}" stroke="#000" stroke-dasharray="5,4"/><circle cx="${x(reference.tokens)}" cy="${y(panel.ref)}" r="4" fill="#000"/>`);
    curves.forEach(({ strategy, points }, i) => {
      const colour = palette[i % palette.length]!;
      const coords = points.flatMap((p) => {
        const v = panel.value(p);
        return v === null || p.meanVisualTokens <= 0 ? [] : [[x(p.meanVisualTokens), y(v)] as const];
      });
      if (coords.length === 0) return;
      parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${coords.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(' ')}"/>`);
      for (const [a, b] of coords) parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="2.5" fill="${colour}"/>`);
    });
  });
  const legendTop = margin.top + panelH + margin.bottom + 14;
  [...curves.map((c, i) => ({ name: c.strategy, colour: palette[i % palette.length]!, dash: '' })), { name: '2 fps, full resolution (reference)', colour: '#000', dash: ' stroke-dasharray="5,4"' }].forEach((entry, i) => {
    const lx = 20 + (i % 5) * 205;
    const legendY = legendTop + Math.floor(i / 5) * 20;
    parts.push(`<line x1="${lx}" x2="${lx + 24}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${entry.colour}" stroke-width="2"${entry.dash}/><text x="${lx + 30}" y="${legendY}">${escapeXml(entry.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
