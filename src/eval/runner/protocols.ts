/**
 * The evaluation protocols: how a sample's frames and prompt are chosen. `reelm` (the default) lets the
 * visual budget planner choose; `lmms-eval:<model-class>` reproduces lmms-eval, where the frame count is
 * set by the model class, not the task (../shared/BENCHMARKS.md, lmms-eval commit 75571cf,
 * `lmms_eval/models/`). The table is frozen; classes are its keys. The prompt each class gets per
 * benchmark (lmms-eval's `lmms_eval_specific_kwargs`) is in ../protocols/lmms-eval-tasks.ts.
 */

import { ConfigError } from '../../core/errors.js';

export interface LmmsEvalClass {
  /** Frames per video. */
  frames: number;
  /** `frame-index`: `np.linspace(0, N-1, n, dtype=int)`; `segment-middle`: the middle of n equal segments (InternVL). */
  sampler: 'frame-index' | 'segment-middle';
  /** Pixels per frame the class resizes to at most; lmms-eval sends decoded frames at full size unless the class caps them. */
  maxPixels?: number;
  /** Where the number comes from. */
  source: string;
}

export const lmmsEvalClasses = Object.freeze({
  llava_onevision: { frames: 32, sampler: 'frame-index', source: 'lmms_eval/models/llava_onevision.py max_frames_num=32' },
  longva: { frames: 32, sampler: 'frame-index', source: 'lmms_eval/models/longva.py' },
  llava_hf: { frames: 32, sampler: 'frame-index', source: 'lmms_eval/models/llava_hf.py' },
  internvideo2_5: { frames: 32, sampler: 'frame-index', source: 'lmms_eval/models/internvideo2_5.py' },
  llava_vid: { frames: 20, sampler: 'frame-index', source: 'lmms_eval/models/llava_vid.py max_frames_num=20, video_fps=1' },
  qwen2_vl: { frames: 32, sampler: 'frame-index', source: 'lmms_eval/models/qwen2_vl.py max_num_frames=32' },
  qwen2_5_vl: { frames: 32, sampler: 'frame-index', maxPixels: 1_605_632, source: 'lmms_eval/models/qwen2_5_vl.py max_num_frames=32, max_pixels=1605632' },
  qwen3_vl: { frames: 32, sampler: 'frame-index', source: 'lmms_eval/models/qwen3_vl.py max_num_frames=32' },
  internvl2: { frames: 32, sampler: 'segment-middle', source: 'lmms_eval/models/internvl2.py num_frame=32' },
  internvl3: { frames: 32, sampler: 'segment-middle', source: 'lmms_eval/models/internvl3.py num_frame=32' },
  videochat2: { frames: 16, sampler: 'frame-index', source: 'lmms_eval/models/videochat2.py' },
  video_llava: { frames: 8, sampler: 'frame-index', source: 'lmms_eval/models/video_llava.py' },
  videollama3: { frames: 180, sampler: 'frame-index', source: 'lmms_eval/models/videollama3.py max_num_frames=180' },
  gpt4v: { frames: 10, sampler: 'frame-index', source: 'lmms_eval/models/gpt4v.py max_frames_num=10' },
  gemini_api: { frames: 10, sampler: 'frame-index', source: 'lmms_eval/models/gemini_api.py' },
  openai_compatible: { frames: 10, sampler: 'frame-index', source: 'lmms_eval/models/openai_compatible.py max_frames_num=10' },
  claude: { frames: 10, sampler: 'frame-index', source: 'lmms_eval/models/claude.py max_frames_num=10' },
  plm: { frames: 32, sampler: 'frame-index', source: 'lmms_eval/models/simple/plm.py max_video_frames=32 (config default)' },
  aria: { frames: 64, sampler: 'frame-index', source: 'lmms_eval/models/simple/aria.py max_frames_num=64, np.linspace' },
  chat: { frames: 32, sampler: 'frame-index', source: 'lmms_eval/models/chat/* default 32' },
  vllm: { frames: 32, sampler: 'frame-index', source: 'lmms_eval/models/vllm.py default 32' },
} as const satisfies Record<string, LmmsEvalClass>);

export type LmmsEvalClassId = keyof typeof lmmsEvalClasses;

export type EvalProtocol = { kind: 'reelm' } | { kind: 'lmms-eval'; modelClass: LmmsEvalClassId; settings: LmmsEvalClass };

/** `reelm` or `lmms-eval:<model-class>` → the protocol; a ConfigError naming the known classes otherwise. */
export function parseProtocol(text: string | undefined): EvalProtocol {
  if (text === undefined || text === 'reelm') return { kind: 'reelm' };
  const match = /^lmms-eval:(.+)$/.exec(text);
  const known = Object.keys(lmmsEvalClasses).join(', ');
  if (!match) throw new ConfigError('flag --protocol', `"${text}" is not a protocol; use reelm or lmms-eval:<model-class> (${known}).`);
  const modelClass = match[1]!;
  if (!Object.hasOwn(lmmsEvalClasses, modelClass)) throw new ConfigError('flag --protocol', `lmms-eval has no model class "${modelClass}" in reelm's table; known: ${known}.`);
  return { kind: 'lmms-eval', modelClass: modelClass as LmmsEvalClassId, settings: lmmsEvalClasses[modelClass as LmmsEvalClassId] };
}

export function protocolName(protocol: EvalProtocol): string {
  return protocol.kind === 'reelm' ? 'reelm' : `lmms-eval:${protocol.modelClass}`;
}
