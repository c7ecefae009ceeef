/**
 * TVBench (10 temporal tasks) as a benchmark. It publishes the MVBench format (Hugging Face
 * `FunAILab/TVBench`: `json/<task>.json`, `video/<task>/…`) and scores with the same `check_ans`
 * (daniel-cores/tvbench `vqa_dataset.py`), prompt and 16 segment-middle frames (`infer.ipynb`), so it is
 * MVBench's machinery with TVBench's task table. The notebook prints per-task and total accuracy over
 * all questions, the `Avg` here.
 */

import { defineMvbenchFormat } from '../mvbench/index.js';
import type { MvbenchFormatTask } from '../mvbench/tasks.js';

/** `data_list` of daniel-cores/tvbench `infer.ipynb`, with the `/datasets/TVBench/` prefix as `--data`. */
export const tvbenchTasks = Object.freeze({
  'Action Count': { file: 'action_count.json', prefix: 'video/action_count/', dataType: 'video', bound: false },
  'Object Count': { file: 'object_count.json', prefix: 'video/object_count/', dataType: 'video', bound: false },
  'Action Sequence': { file: 'action_sequence.json', prefix: 'video/action_sequence/', dataType: 'video', bound: true },
  'Object Shuffle': { file: 'object_shuffle.json', prefix: 'video/object_shuffle/', dataType: 'video', bound: false },
  'Scene Transition': { file: 'scene_transition.json', prefix: 'video/scene_transition/', dataType: 'video', bound: false },
  'Action Localization': { file: 'action_localization.json', prefix: 'video/action_localization/', dataType: 'video', bound: true },
  'Action Antonym': { file: 'action_antonym.json', prefix: 'video/action_antonym/', dataType: 'video', bound: false },
  'Unexpected Action': { file: 'unexpected_action.json', prefix: 'video/unexpected_action/', dataType: 'video', bound: false },
  'Egocentric Sequence': { file: 'egocentric_sequence.json', prefix: 'video/egocentric_sequence/', dataType: 'video', bound: false },
  'Moving Direction': { file: 'moving_direction.json', prefix: 'video/moving_direction/', dataType: 'video', bound: false },
} as const satisfies Record<string, MvbenchFormatTask>);

export const tvbench = defineMvbenchFormat(
  'tvbench',
  'TVBench (10 temporal tasks, MVBench format): check_ans as in vqa_dataset.py, accuracy over all questions',
  tvbenchTasks,
  'huggingface.co/datasets/FunAILab/TVBench (json/)',
);
