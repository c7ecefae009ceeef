/**
 * The oracle's reasoning: reads the question (patterns over plain English), looks at what it perceived
 * in the time-labelled images, and answers — the option's letter when options are listed, time spans
 * when spans are asked for, else a word or a number.
 *
 * What it can know is only what the images show it: objects of at least 24 px (perceive.ts), colours
 * by hue and lightness, shapes by geometry, text as read by OCR, times from the labels. A span is the
 * first to the last sampled time an object was seen, widened by half the sampling interval on each side
 * (the object may have been there between samples) and clamped to the video.
 */

import { formatSpan, formatTime, parseTime, type TimeSpan } from '../../../core/time.js';
import { colourVocabulary } from './colour-names.js';
import type { Observation } from './observe.js';
import { shapeVocabulary } from './shape-features.js';
import { objectName, samplingInterval, trackNames, trackObjects, type Track } from './track-objects.js';

export interface ParsedQuestion {
  text: string;
  options: string[];
  wantsSpans: boolean;
  /** The prompt asks for the times the answer rests on, on a line starting with `Times:` (reelm's ask prompt). */
  wantsTimesLine: boolean;
}

export function parseQuestion(raw: string): ParsedQuestion {
  const lines = raw.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const options = lines.flatMap((l) => /^[A-Z][.)]\s+(.*)$/.exec(l)?.[1] ?? []);
  return { text: lines[0] ?? '', options, wantsSpans: /time spans|HH:MM:SS\.s-HH:MM:SS\.s/.test(raw), wantsTimesLine: /line starting with "Times:"/.test(raw) };
}

/** `red circles` → `red circle`: a colour word and a shape word, plural or not. */
function subject(phrase: string): string | undefined {
  const words = phrase.toLowerCase().replace(/^(the|a|an)\s+/, '').split(/\s+/);
  const colour = words.find((w) => (colourVocabulary as readonly string[]).includes(w));
  const shapeWord = words.find((w) => !(colourVocabulary as readonly string[]).includes(w));
  if (!colour || !shapeWord) return undefined;
  const shape = (shapeVocabulary as readonly string[]).find((s) => shapeWord === s || shapeWord === `${s}s` || shapeWord === `${s}es`) ?? shapeWord.replace(/s$/, '');
  return `${colour} ${shape}`;
}

const numberWord = (n: number): string => ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][n] ?? String(n);

class Scene {
  readonly tracks: Track[];
  readonly interval: number;
  constructor(readonly observations: readonly Observation[], readonly duration: number) {
    this.tracks = trackObjects(observations);
    this.interval = samplingInterval(observations);
  }

  /** The observation nearest `time`, preferring one where `accept` finds something within a sample. */
  near(time: number, accept?: (o: Observation) => boolean): Observation | undefined {
    const sorted = [...this.observations].sort((a, b) => Math.abs(a.time - time) - Math.abs(b.time - time));
    const close = sorted.filter((o) => Math.abs(o.time - time) <= this.interval * 1.01 + 0.05);
    return (accept ? close.find(accept) : undefined) ?? sorted[0];
  }

  tracksNamed(name: string): Track[] {
    return this.tracks.filter((t) => trackNames(t).has(name));
  }

  spansOf(name: string): TimeSpan[] {
    const times = [...new Set(this.tracksNamed(name).flatMap((t) => t.points.map((p) => p.time)))].sort((a, b) => a - b);
    const spans: Array<{ start: number; end: number }> = [];
    const half = this.interval / 2;
    for (const time of times) {
      const last = spans.at(-1);
      if (last && time - half - last.end <= this.interval * 0.6) last.end = time + half;
      else spans.push({ start: time - half, end: time + half });
    }
    return spans.map((s) => ({ start: Math.max(0, s.start), end: Math.min(this.duration, s.end) }));
  }

  /** The longest track of a name: its first and last position and the seconds between. */
  motion(name: string): { dx: number; dy: number; seconds: number; scale: number } | undefined {
    const track = this.tracksNamed(name).sort((a, b) => b.points.length - a.points.length)[0];
    if (!track || track.points.length < 2) return undefined;
    const a = track.points[0]!;
    const b = track.points.at(-1)!;
    return { dx: b.object.x - a.object.x, dy: b.object.y - a.object.y, seconds: b.time - a.time, scale: Math.max(a.height, a.width) };
  }
}

type Answerer = (m: RegExpExecArray, scene: Scene) => string | TimeSpan[] | undefined;

const families: Array<[RegExp, Answerer]> = [
  [/^What colou?r is the (\w+) on screen at ([\d:.]+)\?/i, (m, scene) => {
    const shape = m[1]!.toLowerCase();
    const seen = scene.near(parseTime(m[2]!) ?? 0, (o) => o.objects.some((x) => x.shape === shape));
    return seen?.objects.find((x) => x.shape === shape)?.colour;
  }],
  [/^What shape is the (\w+) object on screen at ([\d:.]+)\?/i, (m, scene) => {
    const colour = m[1]!.toLowerCase();
    const seen = scene.near(parseTime(m[2]!) ?? 0, (o) => o.objects.some((x) => x.colour === colour));
    return seen?.objects.find((x) => x.colour === colour)?.shape;
  }],
  [/^How many (.+?) are on screen at ([\d:.]+)\?/i, (m, scene) => {
    const name = subject(m[1]!);
    const count = (o: Observation): number => o.objects.filter((x) => objectName(x) === name).length;
    const seen = scene.near(parseTime(m[2]!) ?? 0, (o) => count(o) > 0);
    return seen ? String(count(seen)) : undefined;
  }],
  [/^What (word|number) is shown on screen at ([\d:.]+)\?/i, (m, scene) => {
    const kind = m[1]!.toLowerCase();
    const fits = (text: string): boolean => (kind === 'number' ? /^\d+$/.test(text) : /^[a-z]+$/i.test(text));
    const seen = scene.near(parseTime(m[2]!) ?? 0, (o) => o.texts.some(fits));
    return seen?.texts.find(fits)?.toLowerCase() ?? seen?.texts[0];
  }],
  [/^When (?:is|are) the (.+?) on screen\?/i, (m, scene) => {
    const name = subject(m[1]!);
    return name ? scene.spansOf(name) : undefined;
  }],
  [/^Which appears first: the (.+?) or the (.+?)\?/i, (m, scene) => {
    const [a, b] = [m[1]!, m[2]!];
    const first = (phrase: string): number => scene.spansOf(subject(phrase) ?? '')[0]?.start ?? Infinity;
    return `the ${first(a) <= first(b) ? a : b}`;
  }],
  [/^In which direction does the (.+?) move\?/i, (m, scene) => {
    const motion = scene.motion(subject(m[1]!) ?? '');
    if (!motion) return undefined;
    return Math.abs(motion.dx) >= Math.abs(motion.dy) ? (motion.dx >= 0 ? 'right' : 'left') : motion.dy >= 0 ? 'down' : 'up';
  }],
  [/^Does the (.+?) move faster or slower than the (.+?)\?/i, (m, scene) => {
    // Screen widths a second; an object seen in one sample only crossed the view too quickly to
    // measure, so it counts as the faster one.
    const speed = (phrase: string): number => {
      const motion = scene.motion(subject(phrase) ?? '');
      return motion && motion.seconds > 0 ? Math.hypot(motion.dx, motion.dy) / motion.scale / motion.seconds : Infinity;
    };
    const [a, b] = [speed(m[1]!), speed(m[2]!)];
    return a > b || (a === b && a === Infinity) ? 'faster' : 'slower';
  }],
  [/^Does (?:a|an) (.+?) appear at any time in the video\?/i, (m, scene) => (scene.tracksNamed(subject(m[1]!) ?? '').length > 0 ? 'yes' : 'no')],
  [/^What changes about the (.+?) while it is on screen\?/i, (m, scene) => changeOf(scene, subject(m[1]!) ?? '')],
];

function changeOf(scene: Scene, name: string): string | undefined {
  const track = scene.tracksNamed(name).sort((a, b) => b.points.length - a.points.length)[0];
  if (!track) return undefined;
  const other = track.points.find((p) => objectName(p.object) !== name);
  if (other) return `it turns ${other.object.colour}`;
  const areas = track.points.map((p) => p.object.area / (p.width * p.height));
  const head = Math.max(...areas.slice(0, Math.max(1, Math.ceil(areas.length / 3))));
  const tail = Math.max(...areas.slice(-Math.max(1, Math.ceil(areas.length / 3))));
  const ratio = Math.max(...areas) / Math.min(...areas);
  if (ratio < 1.3) return 'nothing changes';
  return tail > head ? 'it grows' : 'it shrinks';
}

function spanIoU(a: readonly TimeSpan[], b: readonly TimeSpan[]): number {
  const length = (spans: readonly TimeSpan[]): number => spans.reduce((s, x) => s + x.end - x.start, 0);
  let inter = 0;
  for (const x of a) for (const y of b) inter += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  const union = length(a) + length(b) - inter;
  return union > 0 ? inter / union : 0;
}

function parseSpanText(text: string): TimeSpan[] {
  const [start, end] = text.split('-').map((t) => parseTime(t.trim()));
  return start !== undefined && end !== undefined ? [{ start, end }] : [];
}

/** Picks the option that agrees with the perceived answer: the same words, else the best span overlap. */
function chooseOption(options: readonly string[], answer: string | TimeSpan[] | undefined): number {
  if (answer === undefined) return 0;
  if (Array.isArray(answer)) {
    const scores = options.map((o) => spanIoU(parseSpanText(o), answer));
    return scores.indexOf(Math.max(...scores));
  }
  const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9 ]/g, '').trim();
  const exact = options.findIndex((o) => norm(o) === norm(answer));
  if (exact >= 0) return exact;
  const words = new Set(norm(answer).split(/\s+/));
  const overlap = options.map((o) => norm(o).split(/\s+/).filter((w) => words.has(w)).length);
  return overlap.indexOf(Math.max(...overlap));
}

/**
 * Answers one question from the observations of the images it was sent.
 * @example answerQuestion('Does a red star appear at any time in the video?\nAnswer with a word or a number.', observations, 60) // 'yes'
 */
export function answerQuestion(raw: string, observations: readonly Observation[], duration?: number): string {
  const question = parseQuestion(raw);
  const scene = new Scene(observations, duration ?? Math.max(0, ...observations.map((o) => o.time)) + samplingInterval(observations) / 2);
  let answer: string | TimeSpan[] | undefined;
  for (const [pattern, answerer] of families) {
    const match = pattern.exec(question.text);
    if (match) {
      answer = answerer(match, scene);
      break;
    }
  }
  const written = question.options.length > 0
    ? String.fromCharCode(65 + chooseOption(question.options, answer))
    : Array.isArray(answer) ? (answer.length > 0 ? answer.map((s) => formatSpan(s)).join(', ') : 'The object is not seen in the images.') : answer ?? 'I cannot tell from the images.';
  return question.wantsTimesLine ? `${written}\nTimes: ${citedTimes(question.text, scene)}` : written;
}

/**
 * The times an answer rests on, for a prompt that asks for a `Times:` line: where each thing the
 * question names was seen (its spans), and each clock time the question names; `none` when it saw none.
 */
function citedTimes(text: string, scene: Scene): string {
  const words = text.toLowerCase().replace(/[^a-z0-9:. ]/g, ' ').split(/\s+/);
  const isColour = (word: string | undefined): boolean => (colourVocabulary as readonly string[]).includes(word ?? '');
  const isShape = (word: string): boolean => (shapeVocabulary as readonly string[]).some((shape) => word === shape || word === `${shape}s` || word === `${shape}es`);
  const names = new Set(words.slice(1).flatMap((word, index) => (isColour(words[index]) && isShape(word) ? subject(`${words[index]} ${word}`) ?? [] : [])));
  const spans = [...names].flatMap((name) => scene.spansOf(name));
  const named = [...text.matchAll(/\d+:\d+(?::\d+)?(?:\.\d+)?/g)].flatMap((m) => parseTime(m[0]) ?? []);
  const cited = [...spans.sort((a, b) => a.start - b.start).map((s) => formatSpan(s)), ...named.map((time) => formatTime(time))];
  return cited.length > 0 ? cited.join(', ') : 'none';
}
