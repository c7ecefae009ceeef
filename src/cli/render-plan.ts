/**
 * The visual plan as lines for a person: each frame, grid or native-video item with its times, size and
 * tokens, the totals, the limits and which one binds. Shared by `reelm plan` and the task commands'
 * `--show-plan`, so a plan reads the same wherever it is shown.
 */

import { formatTime } from '../core/time.js';
import type { VisualPlan } from '../plan/visual-plan.js';

/** Pure: the plan's lines; `heading` names the model it was planned for. */
export function renderPlanLines(plan: VisualPlan, heading: string): string[] {
  const lines = [`plan for ${heading} (${plan.family}), strategy ${plan.strategy}, span ${formatTime(plan.span.start)}–${formatTime(plan.span.end)}`];
  for (const item of plan.items) {
    if (item.kind === 'frame') lines.push(`  frame  ${formatTime(item.time)}  ${item.width}×${item.height}  ${item.tokens} tokens`);
    else if (item.kind === 'grid') lines.push(`  grid   ${item.cols}×${item.rows} ${item.width}×${item.height}  ${item.tokens} tokens  tiles ${item.times.map((time) => formatTime(time)).join(', ')}`);
    else lines.push(`  video  ${formatTime(item.span.start)}–${formatTime(item.span.end)} at ${item.fps.toFixed(2)} fps (${item.frames} frames, ${item.width}×${item.height})  ${item.tokens} tokens`);
  }
  const estimate = plan.estimate;
  lines.push(
    `total: ${estimate.images} images, ${estimate.frames} frames, ${estimate.visualTokens} visual tokens` +
      `${estimate.usd !== null ? `, $${estimate.usd.toFixed(4)}` : ''}, ${estimate.density.toFixed(3)} frames/s`,
    `limits: ${plan.limits.images} images, ${plan.limits.visualTokens} tokens${plan.limits.usd !== null ? `, $${plan.limits.usd}` : ''}; ` +
      `binding: ${plan.binding}${plan.utilisation !== null ? ` (${(plan.utilisation * 100).toFixed(0)}% used)` : ''}`,
    ...plan.warnings.map((warning) => `warning: ${warning}`),
  );
  return lines;
}
