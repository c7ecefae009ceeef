/**
 * The flags every task command shares (`ask`, `ground`, `caption`, `summarize`, `highlights`), declared
 * once: the model, the visual budget, the planning strategy and span, and what to write besides the
 * terminal answer (JSON, the plan, the evidence storyboard, a clip of the answer's span, the HTML page).
 * Output files are checked before any work starts, so a wrong extension fails in milliseconds.
 */

import path from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { EncodedImageFormat } from '../media/images.js';
import type { OptionDeclaration } from './command.js';
import { positiveInteger, positiveNumber } from './parse-flags.js';

export const taskOptions: readonly OptionDeclaration[] = Object.freeze([
  { flags: '--model <id>', description: 'provider:model or a configured model name (default: the subject role, else models.default / REELM_MODEL)' },
  { flags: '--max-visual-tokens <n>', description: 'tokens the visual evidence may use', parse: positiveInteger('--max-visual-tokens') },
  { flags: '--max-images <n>', description: 'images per request (besides the model cap)', parse: positiveInteger('--max-images') },
  { flags: '--max-usd <x>', description: 'money the visual evidence may cost (needs the model\'s prices)', parse: positiveNumber('--max-usd') },
  { flags: '--max-output-tokens <n>', description: 'longest answer, in tokens', parse: positiveInteger('--max-output-tokens') },
  { flags: '--strategy <name>', description: 'planning strategy: auto, uniform, fps, scene-aware, merged, thumbnail-and-sampling, grid, question-guided, question-times, native-video, packed, transients' },
  { flags: '--span <start-end>', description: 'only this part of the video, e.g. 00:01:00-00:02:30 or 60-150' },
  { flags: '--json', description: 'print the whole result (answer, spans, evidence, usage, plan) as JSON' },
  { flags: '--show-plan', description: 'also print the visual plan: frames, grids, tokens, the binding limit' },
  { flags: '--storyboard <file>', description: 'write the evidence the model saw, with time labels (.jpg, .png or .webp)' },
  { flags: '--export-clip <file>', description: "cut the answer's first span into a video file (.mp4, .mov, .mkv or .webm)" },
  { flags: '--html <file>', description: 'write a self-contained answer page with a player that seeks to each cited time' },
]);

export interface TaskFlags {
  model?: string;
  maxVisualTokens?: number;
  maxImages?: number;
  maxUsd?: number;
  maxOutputTokens?: number;
  strategy?: string;
  spanText?: string;
  json: boolean;
  showPlan: boolean;
  storyboard?: { path: string; format: EncodedImageFormat };
  exportClip?: string;
  html?: string;
}

const imageFormats: Readonly<Record<string, EncodedImageFormat>> = Object.freeze({ '.jpg': 'jpeg', '.jpeg': 'jpeg', '.png': 'png', '.webp': 'webp' });
const clipExtensions: readonly string[] = Object.freeze(['.mp4', '.mov', '.mkv', '.webm']);

/** Reads the shared flags from commander's parsed options, checking the output file names. */
export function readTaskFlags(options: Record<string, unknown>): TaskFlags {
  const text = (name: string): string | undefined => (options[name] === undefined ? undefined : String(options[name]));
  const number = (name: string): number | undefined => (options[name] === undefined ? undefined : Number(options[name]));
  const flags: TaskFlags = { json: Boolean(options.json), showPlan: Boolean(options.showPlan) };
  const set = <K extends keyof TaskFlags>(key: K, value: TaskFlags[K] | undefined): void => {
    if (value !== undefined) flags[key] = value;
  };
  set('model', text('model'));
  set('maxVisualTokens', number('maxVisualTokens'));
  set('maxImages', number('maxImages'));
  set('maxUsd', number('maxUsd'));
  set('maxOutputTokens', number('maxOutputTokens'));
  set('strategy', text('strategy'));
  set('spanText', text('span'));

  const storyboard = text('storyboard');
  if (storyboard !== undefined) {
    const format = imageFormats[path.extname(storyboard).toLowerCase()];
    if (!format) throw new ConfigError('flag --storyboard', `"${storyboard}" must end in .jpg, .png or .webp.`);
    flags.storyboard = { path: path.resolve(storyboard), format };
  }
  const clip = text('exportClip');
  if (clip !== undefined) {
    if (!clipExtensions.includes(path.extname(clip).toLowerCase())) throw new ConfigError('flag --export-clip', `"${clip}" must end in ${clipExtensions.join(', ')}.`);
    flags.exportClip = path.resolve(clip);
  }
  const html = text('html');
  if (html !== undefined) {
    if (!/\.html?$/i.test(html)) throw new ConfigError('flag --html', `"${html}" must end in .html.`);
    flags.html = path.resolve(html);
  }
  return flags;
}
