/**
 * `reelm highlights <video> "<query>" [--clip-seconds 2] [--top 5]`: salience of every clip for a
 * query and the top moments (QVHighlights-style).
 */

import type { CommandDeclaration } from '../command.js';
import { positiveInteger, positiveNumber } from '../parse-flags.js';
import { taskOptions } from '../task-flags.js';

export const highlightsCommand: CommandDeclaration = {
  name: 'highlights',
  summary: 'Find the moments that matter for a query, with a salience per clip.',
  help: `Scores every clip of --clip-seconds (default 2) for the query and prints the --top moments
(default 5), most salient first, each with its span, link and salience. --json gives every clip's score.

Examples:
  reelm highlights match.mp4 "goals and near misses"
  reelm highlights talk.mp4 "slides with charts" --clip-seconds 4 --top 3 --export-clip best.mp4
  reelm highlights clip.mp4 "a blue square" --model oracle:reference --html moments.html`,
  arguments: [
    { name: 'video', description: 'a video file', required: true },
    { name: 'query', description: 'what to look for, in quotes', required: true },
  ],
  options: [
    { flags: '--clip-seconds <s>', description: 'length of each scored clip in seconds', default: '2', parse: positiveNumber('--clip-seconds') },
    { flags: '--top <n>', description: 'how many moments to list', default: '5', parse: positiveInteger('--top') },
    ...taskOptions,
  ],
  async run([video, query], options, context) {
    const { runTaskCommand } = await import('../run-task-command.js');
    const top = Number(options.top ?? 5);
    await runTaskCommand(
      { task: 'highlights', video: video!, query: query!, request: { clipSeconds: Number(options.clipSeconds ?? 2) }, streams: false, topSpans: top },
      options,
      context,
    );
  },
};
