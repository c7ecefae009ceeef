/**
 * `reelm plan <video> --model <id>`: the visual evidence a question about this video would get under a
 * budget — frames and grids with their times, sizes, tokens and price — without calling any model.
 */

import type { CommandDeclaration } from '../command.js';
import { positiveInteger, positiveNumber } from '../parse-flags.js';

export const planCommand: CommandDeclaration = {
  name: 'plan',
  summary: 'Show the visual evidence a model would get under a budget (no model is called).',
  help: `Plans which frames (or grids, or the native video) a question gets, from the model's profile
(images per request, context, the token cost of an image of each size, prices) and the budget.
The plan never exceeds the model's image cap or the budget, and says which limit binds.

--max-visual-tokens bounds the evidence; the answer's own limit is --max-output-tokens.
Strategies: auto (default), uniform, fps, scene-aware, merged, thumbnail-and-sampling, grid,
question-guided (needs an embedder), question-times, native-video (vLLM/Gemini video input),
packed, transients (frames where something is on screen only briefly; scans the video).

Examples:
  reelm plan talk.mp4 --model openai:gpt-4o --max-visual-tokens 20000
  reelm plan talk.mp4 --model vllm:qwen2.5-vl-7b --max-images 16 --strategy scene-aware --json
  reelm plan talk.mp4 --model google:gemini-2.0-flash --max-usd 0.01 --min-density 0.5`,
  arguments: [{ name: 'video', description: 'a video file', required: true }],
  options: [
    { flags: '--model <id>', description: 'provider:model (default: the configured subject model)' },
    { flags: '--max-visual-tokens <n>', description: 'tokens the visual evidence may use', parse: positiveInteger('--max-visual-tokens') },
    { flags: '--max-images <n>', description: 'images per request (besides the model cap)', parse: positiveInteger('--max-images') },
    { flags: '--max-usd <x>', description: 'money the visual evidence may cost (needs prices)', parse: positiveNumber('--max-usd') },
    { flags: '--max-output-tokens <n>', description: 'room kept for the answer', parse: positiveInteger('--max-output-tokens') },
    { flags: '--min-density <fps>', description: 'least frames per second to cover (warns when impossible)', parse: positiveNumber('--min-density') },
    { flags: '--strategy <name>', description: 'planning strategy', default: 'auto' },
    { flags: '--span <start-end>', description: 'only this part, e.g. 00:01:00-00:02:30' },
    { flags: '--question <text>', description: 'the question (used by question-guided)' },
    { flags: '--json', description: 'print the plan as JSON' },
  ],
  async run([video], options, context) {
    const { ConfigError } = await import('../../core/errors.js');
    const { parseSpan } = await import('../../core/time.js');
    const { renderPlanLines } = await import('../render-plan.js');
    const { resolveProfile } = await import('../../models/profiles/index.js');
    const { planVisualBudget } = await import('../../plan/plan-visual-budget.js');
    const { cliCache } = await import('../cache.js');
    const { createProgressRenderer } = await import('../progress-bar.js');

    const configured = context.config.models[context.config.roles.subject ?? 'default'];
    const modelId = (options.model as string | undefined) ?? configured?.model;
    if (!modelId) {
      throw new ConfigError('flag --model', 'is required when no model is configured: name one such as openai:gpt-4o, vllm:qwen2.5-vl-7b or google:gemini-2.0-flash (or set REELM_MODEL).');
    }
    const profile = resolveProfile(modelId, options.model ? undefined : configured?.profile, 'config models.default.profile');
    const plan = await planVisualBudget(
      video!,
      {
        maxVisualTokens: options.maxVisualTokens as number | undefined,
        maxImages: options.maxImages as number | undefined,
        maxUsd: options.maxUsd as number | undefined,
        minDensity: options.minDensity as number | undefined,
        question: options.question as string | undefined,
        span: options.span ? parseSpan(String(options.span), 'flag --span') : undefined,
      },
      profile,
      {
        strategy: String(options.strategy ?? 'auto'),
        maxOutputTokens: options.maxOutputTokens as number | undefined,
        signal: context.signal,
        onProgress: createProgressRenderer(context.stderr, !options.json),
        cache: cliCache(context),
      },
    );
    if (options.json) {
      context.stdout.write(JSON.stringify({ model: modelId, ...plan }, null, 2) + '\n');
      return;
    }
    const lines = renderPlanLines(plan, modelId);
    context.stdout.write(lines.join('\n') + '\n');
  },
};
