/**
 * A small seeded pseudo-random generator (SplitMix32 seeding a Mulberry32 stream) so every synthetic
 * video, script and question is a pure function of its seed. `Math.random` never appears in eval/synth.
 */

/** Mixes a number into a 32-bit hash; used to derive child seeds (`deriveSeed(seed, 'video', 3)`). */
export function mix32(value: number): number {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A seed for a named part of a bigger seeded thing, so adding a part never shifts the others. */
export function deriveSeed(seed: number, ...parts: Array<string | number>): number {
  let h = mix32(seed >>> 0);
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) h = mix32(h ^ text.charCodeAt(i));
    h = mix32(h ^ 0x2f);
  }
  return h;
}

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = mix32(seed >>> 0) || 1;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  }
}

/** Rounds seconds to 0.1 s, the precision of every time in a scene script. */
export function roundTime(seconds: number): number {
  return Math.round(seconds * 10) / 10;
}
