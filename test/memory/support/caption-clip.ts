/**
 * A 12-second synthetic clip (or longer) for the caption tests, rendered by eval/synth from a hand-written scene
 * script (two scenes: a red circle moving right with the word "river" in the first, a blue square that
 * turns yellow in the second), and the oracle model that captions from the pixels it is sent, wrapped
 * in a recorder that keeps the question of every request it passes on — so a test can count which
 * segments were asked about. The wrapper does no answering of its own: the oracle answers.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { registerOracleProvider } from '../../../src/eval/synth/oracle/provider.js';
import { renderVideo } from '../../../src/eval/synth/render-video.js';
import type { SceneScript } from '../../../src/eval/synth/scene-script.js';
import { createLanguageModel } from '../../../src/models/create-model.js';
import type { LanguageModel } from '../../../src/models/language-model.js';
import type { ModelMessage } from '../../../src/models/messages.js';
import { registerBuiltinProviders } from '../../../src/models/providers/builtin.js';

export const captionClipScript: SceneScript = {
  version: 1, id: 'store-captions', seed: 9002, width: 640, height: 360, fps: 10, duration: 12,
  scenes: [{ start: 0, end: 6, texture: 'stripes', palette: 0 }, { start: 6, end: 12, texture: 'checker', palette: 1 }],
  quiet: [],
  items: [
    { id: 'i1', role: 'target', shape: 'circle', colour: 'red', size: 34, appear: 0.5, disappear: 5.5, x: 120, y: 150, motion: { direction: 'right', speed: 50 }, changes: [] },
    { id: 'i2', role: 'target', shape: 'square', colour: 'blue', size: 34, appear: 6.5, disappear: 11.5, x: 460, y: 120, motion: { direction: 'none', speed: 0 }, changes: [{ time: 9, colour: 'yellow' }] },
  ],
  texts: [{ id: 't1', kind: 'word', text: 'river', start: 1, end: 5, x: 260, y: 250, fontSize: 20 }],
};

/** The clip, 12 s long; a longer one (`seconds`) stretches its second scene. */
export async function renderCaptionClip(folder: string, seconds = 12): Promise<string> {
  const file = path.join(folder, seconds === 12 ? 'caption-clip.mp4' : `caption-clip-${seconds}s.mp4`);
  await fs.mkdir(folder, { recursive: true });
  const [first, second] = captionClipScript.scenes;
  await renderVideo({ ...captionClipScript, duration: seconds, scenes: [first!, { ...second!, end: seconds }] }, file);
  return file;
}

export interface RecordingModel extends LanguageModel {
  /** The question (last text part) of every request passed on, in order. */
  readonly questions: string[];
}

function lastText(messages: readonly ModelMessage[]): string {
  const user = [...messages].reverse().find((message) => message.role === 'user');
  if (!user) return '';
  if (typeof user.content === 'string') return user.content;
  const texts = user.content.flatMap((part) => (part.type === 'text' ? [part.text] : []));
  return texts.at(-1) ?? '';
}

/** A recorder around a real model: every request goes on to it unchanged. */
export function recordRequests(inner: LanguageModel): RecordingModel {
  const questions: string[] = [];
  return {
    id: inner.id,
    profile: inner.profile,
    endpoint: inner.endpoint,
    questions,
    generate: async (request) => {
      questions.push(lastText(request.messages));
      return inner.generate(request);
    },
  };
}

/** The `oracle:` reference model (any id), over loopback HTTP, with no response cache. */
export async function oracleModel(id = 'oracle:reference'): Promise<LanguageModel> {
  registerBuiltinProviders();
  registerOracleProvider();
  return createLanguageModel(id, {}, { cache: null });
}
