/**
 * The seeded scene-script builder: from a seed and a few parameters, lays out scenes (cuts), quiet
 * spans (background only, 20–50 % of the video by default), and items placed only in the active time,
 * each in a box no other item or text uses while it is on screen, so every question has one answer.
 * Every video first gets the material each question family needs (a group to count, words and numbers,
 * a fast and a slow mover, a colour change, a size change, brief events), then fill and distractors.
 */

import { backgroundPaletteCount, wordList } from './palette.js';
import { Prng, roundTime } from './prng.js';
import {
  colourNames, directions, parseSceneScript, shapeNames, sweptBox, textureNames,
  type ColourName, type SceneScript, type ScriptItem, type ScriptText, type ShapeName,
} from './scene-script.js';
import { textPlateSize } from './text-bitmaps.js';

export interface ScriptParams {
  id: string;
  seed: number;
  duration: number;
  width: number;
  height: number;
  fps: number;
  /** Fraction of the video that is quiet, drawn uniformly from this range. */
  quietFraction?: readonly [number, number];
  /** Seconds between cuts. */
  sceneLength?: readonly [number, number];
  /** Font size of on-screen text in pixels (cap height ≈ 0.73 × this). Default: 40 at 720p, scaled. */
  fontSize?: number;
  /** Mean seconds of active time per filler item. Default 4. */
  fillGap?: number;
}

type ItemKind = 'static' | 'mover' | 'fast' | 'slow' | 'colour-change' | 'size-change' | 'brief' | 'group' | 'distractor';
const requiredKinds: ReadonlyArray<ItemKind | 'word' | 'number'> = ['group', 'group', 'word', 'number', 'fast', 'slow', 'colour-change', 'size-change', 'brief', 'brief', 'static', 'mover', 'static'];
const fillKinds: ReadonlyArray<ItemKind | 'word' | 'number'> = ['static', 'mover', 'fast', 'slow', 'brief', 'group', 'colour-change', 'size-change', 'word', 'number', 'distractor', 'distractor'];

interface Box { x0: number; y0: number; x1: number; y1: number }
interface Span { start: number; end: number }

export function buildSceneScript(params: ScriptParams): SceneScript {
  const random = new Prng(params.seed);
  const { width, height, duration } = params;
  const [quietMin, quietMax] = params.quietFraction ?? [0.2, 0.5];
  const [sceneMin, sceneMax] = params.sceneLength ?? [Math.max(4, duration / 6), Math.max(6, duration / 3)];

  // Scenes: cuts at random lengths; the last scene absorbs a short remainder.
  const scenes: SceneScript['scenes'] = [];
  for (let start = 0; start < duration - 1e-9; ) {
    let end = roundTime(start + random.range(sceneMin, sceneMax));
    if (duration - end < sceneMin / 2) end = duration;
    const previous = scenes.at(-1);
    let texture = random.pick(textureNames);
    let palette = random.int(0, backgroundPaletteCount - 1);
    while (previous && previous.texture === texture && previous.palette === palette) palette = (palette + 1) % backgroundPaletteCount;
    scenes.push({ start, end, texture, palette });
    start = end;
  }

  // Quiet spans: one per scene, the same share of each scene; the rest is active time.
  const quietShare = random.range(quietMin + 0.02, quietMax - 0.02);
  const quiet: Span[] = [];
  const active: Span[] = [];
  for (const scene of scenes) {
    const length = roundTime((scene.end - scene.start) * quietShare);
    const start = roundTime(scene.start + random.range(0, scene.end - scene.start - length));
    const span = { start, end: roundTime(start + length) };
    if (length >= 0.5) quiet.push(span);
    for (const piece of length >= 0.5 ? [{ start: scene.start, end: span.start }, { start: span.end, end: scene.end }] : [scene]) {
      if (piece.end - piece.start >= 0.5) active.push(piece);
    }
  }

  const regions: Array<{ box: Box; span: Span }> = [];
  const margin = Math.max(3, Math.round(height * 0.02));
  const fits = (box: Box, span: Span): boolean =>
    box.x0 >= margin && box.y0 >= margin && box.x1 <= width - margin && box.y1 <= height - margin &&
    regions.every((r) => r.span.end <= span.start || r.span.start >= span.end || r.box.x1 + margin <= box.x0 || box.x1 + margin <= r.box.x0 || r.box.y1 + margin <= box.y0 || box.y1 + margin <= r.box.y0);

  // Each (shape, colour) names at most one asked-about thing; distractors reuse combos once all are taken.
  const combos = random.shuffle(shapeNames.flatMap((shape) => colourNames.map((colour) => ({ shape, colour }))));
  const used = new Set<string>();
  const takeCombo = (shape?: ShapeName): { shape: ShapeName; colour: ColourName } | undefined => {
    const found = combos.find((c) => !used.has(`${c.shape}/${c.colour}`) && (!shape || c.shape === shape));
    if (found) used.add(`${found.shape}/${found.colour}`);
    return found;
  };

  const activeTotal = active.reduce((sum, span) => sum + span.end - span.start, 0);
  const pickSpan = (life: number): Span | undefined => {
    const candidates = active.filter((span) => span.end - span.start >= Math.min(life, 0.5) + 1e-9);
    if (candidates.length === 0) return undefined;
    let ticket = random.range(0, candidates.reduce((sum, span) => sum + span.end - span.start, 0));
    const segment = candidates.find((span) => (ticket -= span.end - span.start) < 0) ?? candidates.at(-1)!;
    const length = Math.min(life, segment.end - segment.start);
    const start = roundTime(random.range(segment.start, segment.end - length));
    return { start, end: Math.min(segment.end, roundTime(start + Math.max(0.5, length))) };
  };

  const items: ScriptItem[] = [];
  const texts: ScriptText[] = [];
  const fontSize = params.fontSize ?? Math.max(12, Math.round((40 * height) / 720));
  let counter = 0;

  const placeText = (kind: 'word' | 'number'): void => {
    const text = kind === 'word' ? random.pick(wordList) : String(random.int(10, 9999));
    const plate = textPlateSize(text, fontSize);
    for (let attempt = 0; attempt < 40; attempt++) {
      const span = pickSpan(random.range(2, 10));
      if (!span) return;
      const x = Math.round(random.range(margin, width - margin - plate.width));
      const y = Math.round(random.range(margin, height - margin - plate.height));
      const box = { x0: x, y0: y, x1: x + plate.width, y1: y + plate.height };
      if (!fits(box, span)) continue;
      regions.push({ box, span });
      texts.push({ id: `t${++counter}`, kind, text, start: span.start, end: span.end, x, y, fontSize });
      return;
    }
  };

  const placeItem = (kind: ItemKind): void => {
    const combo = kind === 'distractor' ? takeCombo() ?? random.pick(combos) : takeCombo();
    if (!combo) return;
    const moving = kind === 'mover' || kind === 'fast' || kind === 'slow' || (kind === 'distractor' && random.chance(0.5));
    const life = kind === 'brief' ? random.range(0.5, 2) : kind === 'fast' ? random.range(2, 5) : kind === 'slow' ? random.range(6, 14) : moving ? random.range(3, 10) : random.range(2, 20);
    const count = kind === 'group' ? random.int(2, 6) : 1;
    const role: ScriptItem['role'] = kind === 'distractor' ? 'distractor' : kind === 'group' ? 'group' : kind === 'brief' ? 'brief' : 'target';
    for (let attempt = 0; attempt < 40; attempt++) {
      const span = pickSpan(life);
      if (!span) break;
      const size = Math.max(6, Math.round(height * random.range(0.045, count > 1 ? 0.06 : 0.085)));
      const direction = moving ? random.pick(directions) : 'none';
      const axis = direction === 'left' || direction === 'right' ? width : height;
      const travel = axis * (kind === 'fast' ? random.range(0.4, 0.6) : kind === 'slow' ? random.range(0.06, 0.14) : random.range(0.15, 0.4));
      const speed = moving ? Math.round((travel / (span.end - span.start)) * 10) / 10 : 0;
      const x = Math.round(random.range(size, width - size));
      const y = Math.round(random.range(size, height - size));
      const changeTime = roundTime(span.start + (span.end - span.start) * random.range(0.3, 0.7));
      const changes: ScriptItem['changes'] = [];
      if (kind === 'colour-change') {
        const next = takeCombo(combo.shape);
        if (!next) return;
        changes.push({ time: changeTime, colour: next.colour });
      }
      if (kind === 'size-change') changes.push({ time: changeTime, size: Math.round(size * (random.chance(0.5) ? 1.6 : 0.6)) });
      const members: ScriptItem[] = Array.from({ length: count }, (_, i) => ({
        id: count > 1 ? `g${counter + 1}-${i + 1}` : `i${counter + 1}`,
        role, shape: combo.shape, colour: combo.colour, size, appear: span.start, disappear: span.end,
        x: x + i * size * 2.6, y, motion: { direction, speed }, changes, ...(count > 1 ? { group: `g${counter + 1}` } : {}),
      }));
      const boxes = members.map(sweptBox);
      const box = { x0: Math.min(...boxes.map((b) => b.x0)), y0: Math.min(...boxes.map((b) => b.y0)), x1: Math.max(...boxes.map((b) => b.x1)), y1: Math.max(...boxes.map((b) => b.y1)) };
      if (!fits(box, span) || span.end - span.start < 0.5) continue;
      regions.push({ box, span });
      items.push(...members);
      counter++;
      return;
    }
    if (kind !== 'distractor') used.delete(`${combo.shape}/${combo.colour}`);
  };

  const place = (kind: ItemKind | 'word' | 'number'): void => (kind === 'word' || kind === 'number' ? placeText(kind) : placeItem(kind));
  requiredKinds.forEach(place);
  const fillCount = Math.round(activeTotal / (params.fillGap ?? 4));
  for (let i = 0; i < fillCount; i++) place(random.pick(fillKinds));

  items.sort((a, b) => a.appear - b.appear || a.id.localeCompare(b.id, 'en', { numeric: true }));
  texts.sort((a, b) => a.start - b.start);
  return parseSceneScript({ version: 1, id: params.id, seed: params.seed, width, height, fps: params.fps, duration, scenes, quiet, items, texts });
}
