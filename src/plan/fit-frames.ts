/**
 * Fits evidence into limits: how many images of which size. Image token costs are step functions
 * (tiles, patches), so instead of a formula we search sizes: every long side from 64 px up to the
 * largest useful size in 16-px steps, each giving the most images the limits allow. Among the choices
 * that cover the wanted count we take the largest images; when none can, the most images; ties go to
 * the choice that uses more of the binding limit (the planner must use at least 80% of it).
 */

import { fitWithin } from '../media/images.js';
import type { ModelProfile } from '../models/profile.js';
import type { BindingLimit } from './visual-plan.js';
import { inputUsd, type PlanLimits } from './budget-limits.js';

export interface ImageFit {
  count: number;
  width: number;
  height: number;
  tokensEach: number;
  binding: BindingLimit;
  /** Share of the binding limit used. */
  utilisation: number | null;
}

/** The most images of one size the limits allow, and which limit stops it. */
export function countWithinLimits(tokensEach: number, limits: PlanLimits, profile: ModelProfile): { count: number; binding: BindingLimit } {
  const byImages = limits.images;
  const byTokens = Math.floor(limits.visualTokens / tokensEach);
  const usdEach = inputUsd(profile, tokensEach);
  const byUsd = limits.usd !== null && usdEach ? Math.floor((limits.usd + 1e-12) / usdEach) : Number.POSITIVE_INFINITY;
  const count = Math.min(byImages, byTokens, byUsd);
  const binding: BindingLimit = count === byImages ? 'images' : count === byUsd ? 'usd' : 'visual-tokens';
  return { count: Math.max(0, count), binding };
}

export function utilisationOf(count: number, tokensEach: number, binding: BindingLimit, limits: PlanLimits, profile: ModelProfile): number | null {
  if (binding === 'images') return limits.images > 0 ? count / limits.images : null;
  if (binding === 'visual-tokens') return Number.isFinite(limits.visualTokens) ? (count * tokensEach) / limits.visualTokens : null;
  if (binding === 'usd') return limits.usd ? ((inputUsd(profile, tokensEach) ?? 0) * count) / limits.usd : null;
  return null;
}

export interface FitOptions {
  /** Images the strategy would like (more are never planned). */
  wanted: number;
  /** Source size (display size after rotation); frames are never enlarged. */
  sourceWidth: number;
  sourceHeight: number;
  /** Largest long side worth sending (beyond it the provider downsizes anyway). Default 768. */
  maxSide?: number;
  /** Smallest long side still useful. Default 112. */
  minSide?: number;
}

export function fitImages(profile: ModelProfile, limits: PlanLimits, options: FitOptions): ImageFit | undefined {
  const largest = Math.min(options.maxSide ?? 768, Math.max(options.sourceWidth, options.sourceHeight));
  const smallest = Math.min(options.minSide ?? 112, largest);
  let best: ImageFit | undefined;
  const better = (candidate: ImageFit, current: ImageFit | undefined): boolean => {
    if (!current) return true;
    const candidateCovers = candidate.count >= options.wanted;
    const currentCovers = current.count >= options.wanted;
    if (candidateCovers !== currentCovers) return candidateCovers;
    if (!candidateCovers && candidate.count !== current.count) return candidate.count > current.count;
    const candidateOk = (candidate.utilisation ?? 1) >= 0.8;
    const currentOk = (current.utilisation ?? 1) >= 0.8;
    if (candidateOk !== currentOk) return candidateOk;
    return candidate.width * candidate.height > current.width * current.height;
  };
  for (let side = smallest; side <= largest; side = side + 16 > largest && side < largest ? largest : side + 16) {
    const size = fitWithin(options.sourceWidth, options.sourceHeight, side);
    const tokensEach = profile.imageTokens(size.width, size.height);
    const allowed = countWithinLimits(tokensEach, limits, profile);
    const count = Math.min(allowed.count, options.wanted);
    if (count < 1) continue;
    const binding: BindingLimit = count < allowed.count ? 'strategy' : allowed.binding;
    const candidate: ImageFit = { count, ...size, tokensEach, binding, utilisation: utilisationOf(count, tokensEach, binding, limits, profile) };
    if (better(candidate, best)) best = candidate;
  }
  return best;
}
