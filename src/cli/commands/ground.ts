/**
 * `reelm ground <video> "<event>"`: when something happens — one or several spans, each with a
 * confidence where one has a stated source — or a plain statement that it does not happen.
 */

import type { CommandDeclaration } from '../command.js';
import { taskOptions } from '../task-flags.js';

export const groundCommand: CommandDeclaration = {
  name: 'ground',
  summary: 'Find when an event happens: spans with times you can click.',
  help: `Asks the model when the event happens and reads its answer with the same span parser the
benchmarks use. Prints a sentence naming the spans (or saying the event does not happen), then each
span as HH:MM:SS.s–HH:MM:SS.s with a file.mp4#t=… link, then the cost.

Examples:
  reelm ground talk.mp4 "the speaker writes on the whiteboard"
  reelm ground match.mp4 "a goal is scored" --export-clip goal.mp4
  reelm ground clip.mp4 "the red circle appears" --model oracle:reference --html when.html`,
  arguments: [
    { name: 'video', description: 'a video file', required: true },
    { name: 'event', description: 'the event, in quotes', required: true },
  ],
  options: [...taskOptions],
  async run([video, event], options, context) {
    const { runTaskCommand } = await import('../run-task-command.js');
    await runTaskCommand({ task: 'ground', video: video!, query: event!, streams: false }, options, context);
  },
};
