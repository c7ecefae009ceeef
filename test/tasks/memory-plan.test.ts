/**
 * Merging the per-span plans of memory mode into one request (src/tasks/memory/plan-retrieved-spans.ts):
 * items in time order whatever order the spans came in, estimates added up, density over the seconds
 * the spans cover (not the stretch between them), the binding limit kept when every part agrees.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VisualPlan } from '../../src/plan/visual-plan.js';
import { mergePlans } from '../../src/tasks/memory/plan-retrieved-spans.js';

function part(start: number, end: number, times: number[], binding: VisualPlan['binding']): VisualPlan {
  return {
    strategy: 'uniform',
    family: 'qwen2.5-vl',
    span: { start, end },
    items: times.map((time) => ({ kind: 'frame', time, width: 320, height: 180, tokens: 66 })),
    estimate: { images: times.length, frames: times.length, visualTokens: 66 * times.length, usd: null, density: times.length / (end - start) },
    limits: { images: 2, visualTokens: 1000, usd: null },
    binding,
    utilisation: 1,
    warnings: [`part ${start}`],
  };
}

test('parts merge in time order with their estimates added', () => {
  const later = part(100, 110, [102, 108], 'images');
  const earlier = part(10, 20, [12, 18], 'images');
  const merged = mergePlans([later, earlier], { images: 4, visualTokens: 2000, usd: null }, 'qwen2.5-vl');
  assert.equal(merged.strategy, 'memory:uniform');
  assert.deepEqual(merged.items.map((item) => (item.kind === 'frame' ? item.time : -1)), [12, 18, 102, 108]);
  assert.deepEqual(merged.span, { start: 10, end: 110 });
  assert.deepEqual(merged.estimate, { images: 4, frames: 4, visualTokens: 264, usd: null, density: 4 / 20 });
  assert.equal(merged.binding, 'images');
  assert.equal(merged.utilisation, 1);
  assert.deepEqual(merged.warnings, ['part 100', 'part 10']);
});

test('parts bound by different limits: the merged plan names no single one', () => {
  const merged = mergePlans([part(0, 10, [5], 'images'), part(20, 30, [25], 'visual-tokens')], { images: 4, visualTokens: 2000, usd: null }, 'qwen2.5-vl');
  assert.equal(merged.binding, 'strategy');
  assert.equal(merged.utilisation, null);
});
