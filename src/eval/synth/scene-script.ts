/**
 * The scene script: the complete, validated description of one synthetic video. The renderer draws
 * exactly this, and the ground truth (events, scenes, questions, salience) is derived from it alone,
 * so every answer is exact. Times are seconds on the presentation timeline, rounded to 0.1 s; an item
 * is visible on the frames whose time t satisfies `appear <= t < disappear`. Positions and sizes are
 * pixels of the rendered frame; speeds are pixels per second.
 */

import { z } from 'zod';
import type { TimeSpan } from '../../core/time.js';

export const shapeNames = ['circle', 'square', 'triangle', 'star', 'diamond', 'hexagon', 'cross'] as const;
export type ShapeName = (typeof shapeNames)[number];

export const colourNames = ['red', 'orange', 'yellow', 'green', 'cyan', 'blue', 'purple', 'pink', 'white', 'black'] as const;
export type ColourName = (typeof colourNames)[number];

export const directions = ['left', 'right', 'up', 'down'] as const;
export type Direction = (typeof directions)[number];

export const textureNames = ['stripes', 'checker', 'value-noise', 'waves'] as const;
export type TextureName = (typeof textureNames)[number];

const spanSchema = z.object({ start: z.number().nonnegative(), end: z.number().nonnegative() }).refine((s) => s.end > s.start, 'span must end after it starts');

export const scriptItemSchema = z.object({
  id: z.string(),
  /** target: asked about; group: one member of a group to count; brief: present 0.5–2 s; distractor: never asked about. */
  role: z.enum(['target', 'group', 'brief', 'distractor']),
  shape: z.enum(shapeNames),
  colour: z.enum(colourNames),
  /** Radius of the circumscribed circle, pixels. */
  size: z.number().positive(),
  appear: z.number().nonnegative(),
  disappear: z.number().positive(),
  /** Centre when it appears, pixels. */
  x: z.number(),
  y: z.number(),
  motion: z.object({ direction: z.enum(['none', ...directions]), speed: z.number().nonnegative() }),
  /** At `time` the colour and/or size switch to the new values. */
  changes: z.array(z.object({ time: z.number(), colour: z.enum(colourNames).optional(), size: z.number().positive().optional() })),
  group: z.string().optional(),
});
export type ScriptItem = z.infer<typeof scriptItemSchema>;

export const scriptTextSchema = z.object({
  id: z.string(),
  kind: z.enum(['word', 'number']),
  text: z.string().min(1),
  start: z.number().nonnegative(),
  end: z.number().positive(),
  /** Top-left corner of the text plate, pixels. */
  x: z.number(),
  y: z.number(),
  fontSize: z.number().positive(),
});
export type ScriptText = z.infer<typeof scriptTextSchema>;

export const sceneScriptSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  seed: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.number().positive(),
  duration: z.number().positive(),
  scenes: z.array(z.object({ start: z.number(), end: z.number(), texture: z.enum(textureNames), palette: z.number().int().nonnegative() })),
  /** Spans where nothing changes: background only, noise frozen. */
  quiet: z.array(spanSchema),
  items: z.array(scriptItemSchema),
  texts: z.array(scriptTextSchema),
});
export type SceneScript = z.infer<typeof sceneScriptSchema>;

export interface ItemState {
  x: number;
  y: number;
  size: number;
  colour: ColourName;
}

const unit: Record<Direction | 'none', readonly [number, number]> = { none: [0, 0], left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

export function isVisible(item: Pick<ScriptItem, 'appear' | 'disappear'>, time: number): boolean {
  return time >= item.appear && time < item.disappear;
}

/** Where the item is and how it looks at `time` (whether or not it is visible then). */
export function itemStateAt(item: ScriptItem, time: number): ItemState {
  const elapsed = Math.min(Math.max(0, time - item.appear), item.disappear - item.appear);
  const [dx, dy] = unit[item.motion.direction];
  let colour = item.colour;
  let size = item.size;
  for (const change of item.changes) {
    if (time < change.time) break;
    colour = change.colour ?? colour;
    size = change.size ?? size;
  }
  return { x: item.x + dx * item.motion.speed * elapsed, y: item.y + dy * item.motion.speed * elapsed, size, colour };
}

/** Every colour the item takes while visible. */
export function coloursOf(item: ScriptItem): ColourName[] {
  return [item.colour, ...item.changes.flatMap((change) => (change.colour ? [change.colour] : []))];
}

/** The bounding box an item sweeps over its whole life (for layout without overlaps). */
export function sweptBox(item: ScriptItem): { x0: number; y0: number; x1: number; y1: number } {
  const end = itemStateAt(item, item.disappear);
  const r = Math.max(item.size, ...item.changes.map((c) => c.size ?? 0));
  return { x0: Math.min(item.x, end.x) - r, y0: Math.min(item.y, end.y) - r, x1: Math.max(item.x, end.x) + r, y1: Math.max(item.y, end.y) + r };
}

export function itemSpan(item: ScriptItem): TimeSpan {
  return { start: item.appear, end: item.disappear };
}

/** The scene that contains `time` (the last one at the very end). */
export function sceneIndexAt(script: SceneScript, time: number): number {
  const index = script.scenes.findIndex((scene) => time >= scene.start && time < scene.end);
  return index < 0 ? script.scenes.length - 1 : index;
}

/** Parses and validates a script, also checking that every span lies inside the video. */
export function parseSceneScript(value: unknown): SceneScript {
  const script = sceneScriptSchema.parse(value);
  const inside = (start: number, end: number, what: string): void => {
    if (start < 0 || end > script.duration + 1e-9 || end <= start) throw new RangeError(`${script.id}: ${what} span ${start}-${end} is outside 0-${script.duration}`);
  };
  for (const item of script.items) inside(item.appear, item.disappear, `item ${item.id}`);
  for (const text of script.texts) inside(text.start, text.end, `text ${text.id}`);
  for (const span of script.quiet) inside(span.start, span.end, 'quiet');
  return script;
}
