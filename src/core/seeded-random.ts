/**
 * A small seeded pseudo-random generator (mulberry32) for what must come out the same on every run:
 * bootstrap intervals, property tests replayed by their seed. The synthetic generator keeps its own
 * SplitMix-seeded stream (eval/synth/prng.ts) because its sets are defined by that exact sequence.
 */

/**
 * Numbers in [0, 1) from a 32-bit seed.
 * @example const next = mulberry32(7); next(); // 0.…, the same on every run
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
