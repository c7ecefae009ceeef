/**
 * Facts read off a scene script that both the questions and the task material use: which items can be
 * named unambiguously (their shape and colour belong to nobody else in the video), how to name them,
 * and what is on screen at a time. All derived from the script alone.
 */

import type { TimeSpan } from '../../core/time.js';
import { coloursOf, isVisible, itemStateAt, type SceneScript, type ScriptItem } from './scene-script.js';

/** One thing on screen: a single item, or a whole group (members share shape, colour and span). */
export interface Subject {
  id: string;
  items: ScriptItem[];
  first: ScriptItem;
  span: TimeSpan;
  /** `red circle`, or `red circles` for a group. */
  name: string;
  distractor: boolean;
}

export function subjectsOf(script: SceneScript): Subject[] {
  const byId = new Map<string, ScriptItem[]>();
  for (const item of script.items) {
    const key = item.group ?? item.id;
    byId.set(key, [...(byId.get(key) ?? []), item]);
  }
  return [...byId.entries()].map(([id, items]) => {
    const first = items[0]!;
    const plural = items.length > 1 ? 's' : '';
    return { id, items, first, span: { start: first.appear, end: first.disappear }, name: `${first.colour} ${first.shape}${plural}`, distractor: first.role === 'distractor' };
  });
}

/** Subjects whose every (shape, colour) pair appears in no other subject: safe to ask about by name. */
export function nameableSubjects(script: SceneScript): Subject[] {
  const subjects = subjectsOf(script);
  const owners = new Map<string, Set<string>>();
  for (const subject of subjects) {
    for (const colour of coloursOf(subject.first)) {
      const key = `${subject.first.shape}/${colour}`;
      owners.set(key, (owners.get(key) ?? new Set()).add(subject.id));
    }
  }
  return subjects.filter((s) => !s.distractor && coloursOf(s.first).every((colour) => owners.get(`${s.first.shape}/${colour}`)!.size === 1));
}

export function visibleAt(script: SceneScript, time: number): ScriptItem[] {
  return script.items.filter((item) => isVisible(item, time));
}

/** Speed in pixels per second on screen. */
export function speedOf(item: ScriptItem): number {
  return item.motion.direction === 'none' ? 0 : item.motion.speed;
}

/** A time inside the span before the first change, rounded to 0.1 s. */
export function settledTime(item: ScriptItem): number {
  const end = item.changes[0]?.time ?? item.disappear;
  return Math.round(((item.appear + end) / 2) * 10) / 10;
}

export function colourAt(item: ScriptItem, time: number): string {
  return itemStateAt(item, time).colour;
}

/** Seconds of `spans` (assumed disjoint) inside [start, end). */
export function overlapSeconds(spans: readonly TimeSpan[], start: number, end: number): number {
  return spans.reduce((sum, span) => sum + Math.max(0, Math.min(end, span.end) - Math.max(start, span.start)), 0);
}

/** Merges overlapping spans, sorted. */
export function unionSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: TimeSpan[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push({ ...span });
  }
  return merged;
}
