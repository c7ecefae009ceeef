/**
 * `reelm summarize <video> [--chapters] [--detailed]`: a short or detailed summary, optionally with
 * chapters (title + span). Videos beyond one request's budget are summarized chunk by chunk, then merged.
 */

import type { CommandDeclaration } from '../command.js';
import { taskOptions } from '../task-flags.js';

export const summarizeCommand: CommandDeclaration = {
  name: 'summarize',
  summary: 'Summarize a video, optionally with chapters.',
  help: `A short summary by default, a detailed one with --detailed; --chapters adds chapters, each a
title and a span you can click. A video too long for one request's budget is summarized in chunks
(captioned concurrently, with progress, and cached) that are then merged.

Examples:
  reelm summarize lecture.mp4
  reelm summarize lecture.mp4 --chapters --detailed --html summary.html
  reelm summarize clip.mp4 --chapters --model oracle:reference`,
  arguments: [{ name: 'video', description: 'a video file', required: true }],
  options: [
    { flags: '--chapters', description: 'also give chapters (title + span)' },
    { flags: '--detailed', description: 'a detailed summary instead of a short one' },
    ...taskOptions,
  ],
  async run([video], options, context) {
    const { runTaskCommand } = await import('../run-task-command.js');
    const chapters = Boolean(options.chapters);
    await runTaskCommand(
      { task: 'summarize', video: video!, request: { chapters, length: options.detailed ? 'detailed' : 'short' }, streams: !chapters },
      options,
      context,
    );
  },
};
