/**
 * `reelm ask <video> "<question>" [--choices "a|b|c"]`: an open or multiple-choice question about a
 * video; the answer streams, then the times it rests on and what it cost.
 */

import type { CommandDeclaration } from '../command.js';
import { libraryOption } from '../library-flag.js';
import { taskOptions } from '../task-flags.js';

export const askCommand: CommandDeclaration = {
  name: 'ask',
  summary: 'Ask a question about a video; the answer comes with the times it rests on.',
  help: `Plans the visual evidence within the budget (frames and grids labelled with their times,
subtitles as delimited data), asks the model, and prints the answer, then the times it names
as HH:MM:SS.s with file.mp4#t=… links, then a one-line cost summary.

--choices makes it multiple choice: the options are shown to the model as A., B., … in order.

On an indexed video (reelm index) a long video is answered in memory mode: frames are taken only
from the spans the index matches to the question (--memory always: whenever the video is indexed).
With no model configured, an indexed video still gets answers to how many / when / whether for
detected objects and what text appears, from the index.

Examples:
  reelm ask talk.mp4 "What is written on the whiteboard?"
  reelm ask talk.mp4 "Which colour is the car?" --choices "red|blue|green"
  reelm ask talk.mp4 "Who speaks first?" --model openai:gpt-4o --max-usd 0.02 --html answer.html
  reelm ask clip.mp4 "What shapes appear?" --model oracle:reference --storyboard seen.jpg
  reelm ask lib/match.mp4 "How many people are there?"        (indexed, no model)`,
  arguments: [
    { name: 'video', description: 'a video file', required: true },
    { name: 'question', description: 'the question, in quotes', required: true },
  ],
  options: [{ flags: '--choices <a|b|c>', description: 'multiple choice: the options separated by |' }, { flags: '--memory <auto|always|never>', description: 'indexed videos: answer from the spans the index retrieves (auto: when one request would see the video too thinly)', choices: ['auto', 'always', 'never'] }, libraryOption, ...taskOptions],
  async run([video, question], options, context) {
    const { ConfigError } = await import('../../core/errors.js');
    const { runTaskCommand } = await import('../run-task-command.js');
    const choices = options.choices === undefined ? undefined : String(options.choices).split('|').map((choice) => choice.trim()).filter(Boolean);
    if (choices && choices.length < 2) throw new ConfigError('flag --choices', `"${String(options.choices)}" has fewer than two options; separate them with |, e.g. --choices "red|blue|green".`);
    const memoryModes = ['auto', 'always', 'never'] as const;
    const memory = options.memory === undefined ? undefined : memoryModes.find((mode) => mode === String(options.memory));
    if (options.memory !== undefined && memory === undefined) throw new ConfigError('flag --memory', `"${String(options.memory)}" is not one of ${memoryModes.join(', ')}.`);
    // A multiple-choice answer is reworded by the task (the letter and its option), so it is not streamed.
    await runTaskCommand({ task: 'ask', video: video!, query: question!, request: { ...(choices ? { choices } : {}), ...(memory ? { memory } : {}) }, streams: !choices }, options, context);
  },
};
