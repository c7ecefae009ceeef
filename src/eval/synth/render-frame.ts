/**
 * Composes the raw RGB frame of a scene script at a frame index: one of a few noisy copies of the
 * scene's textured background (chosen per frame), the visible shapes in script order and the visible
 * text plates, each with mild noise of its own from a per-frame offset into one noise block. Inside a quiet span the frame is the one of the span's first frame
 * (same noise offset), so quiet stretches are truly unchanging. Pure given (script, variant, index).
 */

import { backgroundColours, colourRgb, textureFor, type RenderVariant } from './palette.js';
import { deriveSeed } from './prng.js';
import { addNoise, blendBitmap, drawShape, makeNoise, renderBackground, type RgbFrame } from './rasterize.js';
import { isVisible, itemStateAt, sceneIndexAt, type SceneScript, type ScriptItem } from './scene-script.js';
import { bitmapKey, type RgbaBitmap } from './text-bitmaps.js';

/** Noise amplitude in 8-bit levels: visible as grain, far from changing a colour's name. */
const noiseAmplitude = 4;
const noiseLength = (1 << 20) + 7;
/** Noisy copies of each background; frames pick one, so a frame costs one copy, not a pass of noise. */
const backgroundCopies = 6;

export class FrameComposer {
  private readonly items: ScriptItem[];
  private readonly longestLife: number;
  private readonly noise: Int8Array;
  private background: { scene: number; copies: Uint8Array[] } | undefined;

  constructor(
    readonly script: SceneScript,
    readonly variant: RenderVariant,
    private readonly bitmaps: ReadonlyMap<string, RgbaBitmap>,
  ) {
    this.items = [...script.items].sort((a, b) => a.appear - b.appear);
    this.longestLife = Math.max(0, ...script.items.map((item) => item.disappear - item.appear));
    this.noise = makeNoise(noiseLength, noiseAmplitude, deriveSeed(script.seed, 'noise'));
  }

  get frameCount(): number {
    return Math.round(this.script.duration * this.script.fps);
  }

  timeOf(index: number): number {
    return index / this.script.fps;
  }

  /** Index of the quiet span showing frame `index`, or -1. */
  quietSpanOf(index: number): number {
    const time = this.timeOf(index);
    return this.script.quiet.findIndex((span) => time >= span.start && time < span.end);
  }

  /** The frame whose pixels frame `index` repeats: the first frame of its quiet span, or itself. */
  sourceFrameOf(index: number): number {
    const quiet = this.script.quiet[this.quietSpanOf(index)];
    return quiet ? Math.max(0, Math.ceil(quiet.start * this.script.fps - 1e-9)) : index;
  }

  private backgroundFor(scene: number, copy: number): Uint8Array {
    if (this.background?.scene !== scene) {
      const { width, height, seed } = this.script;
      const spec = this.script.scenes[scene]!;
      const clean = renderBackground(width, height, textureFor(spec.texture, this.variant), backgroundColours(spec.palette, this.variant), deriveSeed(seed, 'background', scene));
      const copies = Array.from({ length: backgroundCopies }, (_, k) => {
        const frame = { width, height, data: Uint8Array.from(clean) };
        addNoise(frame, this.noise, deriveSeed(seed, 'background-noise', scene, k) % noiseLength);
        return frame.data;
      });
      this.background = { scene, copies };
    }
    return this.background.copies[copy]!;
  }

  /** Renders frame `index` into a new buffer. */
  compose(index: number): Uint8Array {
    const source = this.sourceFrameOf(index);
    const time = this.timeOf(source);
    const { width, height } = this.script;
    const frame: RgbFrame = { width, height, data: new Uint8Array(width * height * 3) };
    const frameSeed = deriveSeed(this.script.seed, 'frame', source);
    frame.data.set(this.backgroundFor(sceneIndexAt(this.script, time), frameSeed % backgroundCopies));
    const offset = frameSeed % noiseLength;
    for (const item of this.visibleItems(time)) {
      const { x, y, size, colour } = itemStateAt(item, time);
      drawShape(frame, item.shape, x, y, size, colourRgb(colour, this.variant));
      addNoise(frame, this.noise, offset, { x0: x - size, y0: y - size, x1: x + size, y1: y + size });
    }
    for (const text of this.script.texts) {
      if (time < text.start || time >= text.end) continue;
      const bitmap = this.bitmaps.get(bitmapKey(text));
      if (!bitmap) continue;
      blendBitmap(frame, bitmap, text.x, text.y);
      addNoise(frame, this.noise, offset, { x0: text.x, y0: text.y, x1: text.x + bitmap.width - 1, y1: text.y + bitmap.height - 1 });
    }
    return frame.data;
  }

  /** Visible items in script order (the draw order). */
  private visibleItems(time: number): ScriptItem[] {
    let lo = 0;
    let hi = this.items.length;
    const from = time - this.longestLife;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[mid]!.appear < from) lo = mid + 1;
      else hi = mid;
    }
    const visible: ScriptItem[] = [];
    for (let i = lo; i < this.items.length && this.items[i]!.appear <= time; i++) if (isVisible(this.items[i]!, time)) visible.push(this.items[i]!);
    const order = new Map(this.script.items.map((item, i) => [item.id, i]));
    return visible.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }
}
