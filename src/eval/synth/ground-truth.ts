/**
 * The ground truth of one synthetic video, all derived from its scene script: the events (for dense
 * captions), the scenes (for chapters), the quiet spans, the questions of every family, and per-clip
 * salience for a few highlight queries. Captions never mention backgrounds or exact hues, so they hold
 * for the `shifted` variant too.
 */

import type { TimeSpan } from '../../core/time.js';
import { buildQuestions, type SynthQuestion } from './questions.js';
import type { SceneScript } from './scene-script.js';
import { nameableSubjects, overlapSeconds, subjectsOf, unionSpans } from './script-facts.js';

export const groundTruthVersion = 1;

export interface SynthEvent {
  id: string;
  kind: 'appearance' | 'change' | 'text';
  span: TimeSpan;
  caption: string;
  /** True for things never asked about. */
  distractor: boolean;
}

export interface SynthScene {
  index: number;
  span: TimeSpan;
  caption: string;
}

export interface HighlightQuery {
  query: string;
  clipSeconds: number;
  /** Fraction of each clip [k·clipSeconds, (k+1)·clipSeconds) in which the query holds, 0–1. */
  salience: number[];
}

export interface GroundTruth {
  version: typeof groundTruthVersion;
  set: string;
  videoId: string;
  /** The video file, relative to the ground-truth file. */
  video: string;
  variant: string;
  duration: number;
  events: SynthEvent[];
  scenes: SynthScene[];
  quiet: TimeSpan[];
  questions: SynthQuestion[];
  highlights: HighlightQuery[];
  script: SceneScript;
}

const numberWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

export function buildEvents(script: SceneScript): SynthEvent[] {
  const events: SynthEvent[] = [];
  for (const subject of subjectsOf(script)) {
    const { first, span } = subject;
    const what = subject.items.length > 1 ? `${numberWords[subject.items.length] ?? subject.items.length} ${subject.name} appear` : `${article(subject.name)} ${subject.name} appears`;
    const motion = first.motion.direction === 'none' ? '' : ` and moves ${first.motion.direction}`;
    events.push({ id: `${subject.id}-appears`, kind: 'appearance', span, caption: capitalise(`${what}${motion}.`), distractor: subject.distractor });
    for (const [i, change] of first.changes.entries()) {
      const how = change.colour ? `turns ${change.colour}` : (change.size ?? 0) > first.size ? 'grows' : 'shrinks';
      const changeSpan = { start: change.time, end: Math.min(first.disappear, Math.round((change.time + 1) * 10) / 10) };
      events.push({ id: `${subject.id}-change-${i + 1}`, kind: 'change', span: changeSpan, caption: `The ${subject.name} ${how}.`, distractor: subject.distractor });
    }
  }
  for (const text of script.texts) {
    const shown = text.kind === 'word' ? `the word "${text.text}"` : `the number ${text.text}`;
    events.push({ id: `${text.id}-shown`, kind: 'text', span: { start: text.start, end: text.end }, caption: capitalise(`${shown} is shown on screen.`), distractor: false });
  }
  return events.sort((a, b) => a.span.start - b.span.start || a.id.localeCompare(b.id));
}

export function buildScenes(script: SceneScript, events: readonly SynthEvent[]): SynthScene[] {
  return script.scenes.map((scene, index) => {
    const inside = events.filter((e) => e.kind !== 'change' && e.span.start >= scene.start && e.span.start < scene.end).map((e) => e.caption.replace(/\.$/, '').toLowerCase());
    const caption = inside.length === 0 ? `Scene ${index + 1}: an empty background.` : `Scene ${index + 1}: ${inside.slice(0, 4).join('; ')}${inside.length > 4 ? `; and ${inside.length - 4} more` : ''}.`;
    return { index, span: { start: scene.start, end: scene.end }, caption };
  });
}

/** Salience per clip: the share of the clip during which `spans` hold, rounded to 0.01. */
export function clipSalience(spans: readonly TimeSpan[], duration: number, clipSeconds = 2): number[] {
  const merged = unionSpans(spans);
  return Array.from({ length: Math.ceil(duration / clipSeconds - 1e-9) }, (_, k) => {
    const start = k * clipSeconds;
    const end = Math.min(duration, start + clipSeconds);
    return Math.round((overlapSeconds(merged, start, end) / (end - start)) * 100) / 100;
  });
}

export function buildHighlights(script: SceneScript): HighlightQuery[] {
  const subjects = nameableSubjects(script);
  const queries: Array<{ query: string; spans: TimeSpan[] }> = [
    { query: 'on-screen text is shown', spans: script.texts.map((t) => ({ start: t.start, end: t.end })) },
    { query: 'a shape is moving', spans: script.items.filter((i) => i.motion.direction !== 'none').map((i) => ({ start: i.appear, end: i.disappear })) },
  ];
  const longest = [...subjects].sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start) || a.id.localeCompare(b.id))[0];
  if (longest) queries.push({ query: `the ${longest.name} ${longest.items.length > 1 ? 'are' : 'is'} visible`, spans: [longest.span] });
  return queries.map(({ query, spans }) => ({ query, clipSeconds: 2, salience: clipSalience(spans, script.duration) }));
}

export function buildGroundTruth(script: SceneScript, fields: { set: string; video: string; variant: string; questionsPerFamily: number }): GroundTruth {
  const events = buildEvents(script);
  return {
    version: groundTruthVersion,
    set: fields.set,
    videoId: script.id,
    video: fields.video,
    variant: fields.variant,
    duration: script.duration,
    events,
    scenes: buildScenes(script, events),
    quiet: script.quiet,
    questions: buildQuestions(script, fields.questionsPerFamily),
    highlights: buildHighlights(script),
    script,
  };
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? 'an' : 'a';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
