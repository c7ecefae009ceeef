/**
 * Fixed TaskResults for the rendering and answer-page tests: written out by hand so a change in what
 * the command line prints is a deliberate change to these tests, not a side effect of the tasks.
 */

import type { TaskResult, TaskUsage } from '../../src/tasks/task-result.js';

const usage: TaskUsage = {
  requests: 1, images: 8, visualTokens: 2048, inputTokens: 2310, outputTokens: 42, usd: null, latencyMs: 1340, cachedRequests: 0,
};

const model = { provider: 'oracle', modelId: 'reference', baseURL: 'http://127.0.0.1/oracle', id: 'oracle:reference' };

export function askResult(video: string): TaskResult<{ choice: string | null }> {
  return {
    task: 'ask',
    video,
    output: 'A red circle moves left to right, from 00:00:02.0 until it leaves at 00:00:05.5.',
    spans: [{ start: 2, end: 5.5 }],
    evidence: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5].map((time, image) => ({ time, image })),
    usage,
    plan: {
      strategy: 'uniform', family: 'oracle', span: { start: 0, end: 8 },
      items: [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5].map((time) => ({ kind: 'frame' as const, time, width: 320, height: 240, tokens: 256 })),
      estimate: { images: 8, frames: 8, visualTokens: 2048, usd: null, density: 1 },
      limits: { images: 8, visualTokens: 16384, usd: null },
      binding: 'images', utilisation: 1, warnings: [],
    },
    model,
    warnings: [],
    detail: { choice: null },
  };
}

export function groundResult(video: string): TaskResult {
  return {
    task: 'ground',
    video,
    output: 'It happens twice: 00:00:01.2–00:00:02.5 and 00:00:06.0–00:00:07.4.',
    spans: [
      { start: 1.2, end: 2.5, confidence: { value: 0.8, source: 'model-stated' } },
      { start: 6, end: 7.4 },
    ],
    evidence: [
      { time: 1, image: 0 }, { time: 2, image: 0 }, { time: 3, image: 0 }, { time: 4, image: 0 },
      { time: 5, image: 1 }, { time: 6, image: 1 }, { time: 7, image: 1 }, { time: 7.9, image: 1 },
    ],
    usage: { ...usage, requests: 2, images: 2, visualTokens: 1530, inputTokens: null, outputTokens: null, usd: 0.00123, latencyMs: 250, cachedRequests: 1 },
    plan: null,
    model: { provider: 'openai', modelId: 'gpt-4o', id: 'openai:gpt-4o' },
    warnings: ['the plan covers 1.0 frames/s, less than the 2 frames/s asked for'],
    detail: {},
  };
}

export function highlightsResult(video: string): TaskResult {
  return {
    task: 'highlights',
    video,
    output: 'Top moments for "a blue square": 00:00:04.0, 00:00:00.0, 00:00:06.0.',
    spans: [
      { start: 0, end: 2, salience: 0.6, label: 'blue square enters' },
      { start: 4, end: 6, salience: 0.95, label: 'blue square <b>centre</b>' },
      { start: 6, end: 8, salience: 0.4 },
    ],
    evidence: [{ time: 3, image: 0 }],
    usage: { ...usage, images: 1, visualTokens: 256, usd: 1.5 },
    plan: null,
    model,
    warnings: [],
    detail: {},
  };
}
