/**
 * `reelm caption <video> [--dense]`: one paragraph about the video, or with `--dense` an event
 * timeline (start, end, caption, salience).
 */

import type { CommandDeclaration } from '../command.js';
import { taskOptions } from '../task-flags.js';

export const captionCommand: CommandDeclaration = {
  name: 'caption',
  summary: 'Describe a video in one paragraph, or as a timeline of events (--dense).',
  help: `Without --dense: one paragraph (streamed as the model writes it).
With --dense: an event timeline, each event with its span, a caption and its salience.

Examples:
  reelm caption talk.mp4
  reelm caption talk.mp4 --dense --json > events.json
  reelm caption clip.mp4 --dense --model oracle:reference --html events.html`,
  arguments: [{ name: 'video', description: 'a video file', required: true }],
  options: [{ flags: '--dense', description: 'an event timeline instead of one paragraph' }, ...taskOptions],
  async run([video], options, context) {
    const { runTaskCommand } = await import('../run-task-command.js');
    const dense = Boolean(options.dense);
    await runTaskCommand({ task: 'caption', video: video!, request: { dense }, streams: !dense }, options, context);
  },
};
