/**
 * `reelm demo`: the main job end to end, offline, on a clip reelm renders itself — ask, ground and
 * summarize through the oracle reference model, with answers, times, costs, the evidence storyboard and
 * the HTML answer page; with `--video` and a configured model, also on the user's own video.
 */

import type { CommandDeclaration } from '../command.js';

export const demoCommand: CommandDeclaration = {
  name: 'demo',
  summary: 'Ask, ground and summarize a clip reelm renders itself, offline (no input or model needed).',
  help: `Renders a 12-second synthetic clip (shapes that appear, move and change colour, words on screen,
scene cuts) with its exact ground truth, then runs ask, ground and summarize on it through the
oracle:reference model — a reference double that answers only from the frames and time labels reelm
sends it, so the answers show what the evidence delivered. Prints each answer with its times, cost
and the right answer, and writes into --out: the clip, its ground truth, storyboard.jpg (what the
model saw), answer.html and ground.html (click a time to seek the player), and ground-clip.mp4.

With --video and a configured model (--model, REELM_MODEL or reelm.config.json) it then also asks
about and summarizes your own video.

Examples:
  reelm demo
  reelm demo --out /tmp/reelm-demo --json
  reelm demo --video talk.mp4 --model ollama:qwen2.5vl:7b --question "Who speaks first?"`,
  arguments: [],
  options: [
    { flags: '--out <dir>', description: 'folder for the clip, storyboard and answer pages', default: 'reelm-demo' },
    { flags: '--video <file>', description: 'also ask about and summarize this video (needs a configured model)' },
    { flags: '--model <id>', description: 'the model for --video (default: the configured subject model)' },
    { flags: '--question <text>', description: 'the question asked about --video' },
    { flags: '--json', description: 'print a JSON report' },
  ],
  async run(_args, options, context) {
    const { runDemo } = await import('../demo/run-demo.js');
    await runDemo(
      {
        outDir: String(options.out ?? 'reelm-demo'),
        json: Boolean(options.json),
        ...(options.video !== undefined ? { video: String(options.video) } : {}),
        ...(options.model !== undefined ? { model: String(options.model) } : {}),
        ...(options.question !== undefined ? { question: String(options.question) } : {}),
      },
      context,
    );
  },
};
