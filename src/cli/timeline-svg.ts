/**
 * The picture `reelm timeline` draws: one lane per kind of signal over the video's time — scenes,
 * people, the most present object labels, on-screen text, speech, motion, loudness with silence — as SVG
 * (sharp rasterizes it). Pure: signals in, SVG text out, so the layout is tested without a store. Spans
 * closer than a pixel are merged first, so an hour of per-frame detections stays a small picture.
 */

import { formatTime, type TimeSpan } from '../core/time.js';

export interface TimelineSignal {
  kind: string;
  span: TimeSpan;
  value: string | number;
}

export interface TimelineInput {
  title: string;
  duration: number;
  segments: readonly TimeSpan[];
  signals: readonly TimelineSignal[];
  /** Picture width in pixels. Default 1600. */
  width?: number;
  /** Object labels given their own lane, most present first. Default 5. */
  maxObjectLanes?: number;
}

export interface TimelineLayout {
  svg: string;
  width: number;
  height: number;
  /** Lane titles top to bottom, for callers and tests. */
  lanes: string[];
}

const labelWidth = 150;
/** Room right of the plot for the last tick's centred label. */
const rightMargin = 40;
const laneHeight = 34;
const lanePadding = 6;
const headerHeight = 44;
const axisHeight = 28;
const colors = Object.freeze({
  sceneA: '#5b8def', sceneB: '#9db8f5', people: '#e07b39', object: '#2a9d8f', text: '#8e44ad',
  speech: '#c0392b', motion: '#7f8c8d', loudness: '#16a085', silence: '#dfe6e9', grid: '#e3e3e3', ink: '#222222',
});

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character]!);
}

/** Merges spans that overlap or lie closer than `gap`, in time order. */
export function mergeSpans(spans: readonly TimeSpan[], gap: number): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end + gap) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}

/** A tick interval giving about eight ticks over the duration, from a list of readable steps. */
export function tickInterval(duration: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400];
  return steps.find((step) => duration / step <= 10) ?? steps.at(-1)!;
}

interface Lane {
  title: string;
  draw: (top: number, x: (time: number) => number, pixel: number) => string;
}

function blocks(spans: readonly TimeSpan[], top: number, x: (time: number) => number, fill: string, opacity = 1): string {
  return spans
    .map((span) => {
      const left = x(span.start);
      const width = Math.max(1, x(span.end) - left);
      return `<rect x="${left.toFixed(1)}" y="${top + lanePadding}" width="${width.toFixed(1)}" height="${laneHeight - 2 * lanePadding}" fill="${fill}" fill-opacity="${opacity}"/>`;
    })
    .join('');
}

/** A polyline of numeric values (each at its span's middle) scaled into the lane between `min` and `max`. */
function line(signals: readonly TimelineSignal[], top: number, x: (time: number) => number, range: { min: number; max: number }, stroke: string): string {
  const points = signals
    .filter((signal): signal is TimelineSignal & { value: number } => typeof signal.value === 'number' && Number.isFinite(signal.value))
    .sort((a, b) => a.span.start - b.span.start)
    .map((signal) => {
      const clamped = Math.min(range.max, Math.max(range.min, signal.value));
      const y = top + laneHeight - lanePadding - ((clamped - range.min) / (range.max - range.min || 1)) * (laneHeight - 2 * lanePadding);
      return `${x((signal.span.start + signal.span.end) / 2).toFixed(1)},${y.toFixed(1)}`;
    });
  return points.length === 0 ? '' : `<polyline points="${points.join(' ')}" fill="none" stroke="${stroke}" stroke-width="1.5"/>`;
}

function isPerson(signal: TimelineSignal): boolean {
  return (signal.kind === 'object' && String(signal.value).toLowerCase() === 'person') || (signal.kind === 'people' && Number(signal.value) > 0);
}

function buildLanes(input: TimelineInput, pixel: number): Lane[] {
  const ofKind = (...kinds: string[]): TimelineSignal[] => input.signals.filter((signal) => kinds.includes(signal.kind));
  const lanes: Lane[] = [];
  lanes.push({
    title: `scenes (${input.segments.length})`,
    draw: (top, x) => input.segments.map((segment, index) => blocks([segment], top, x, index % 2 === 0 ? colors.sceneA : colors.sceneB)).join(''),
  });
  const people = mergeSpans(input.signals.filter(isPerson).map((signal) => signal.span), pixel);
  lanes.push({ title: 'people', draw: (top, x) => blocks(people, top, x, colors.people) });

  // Object labels other than person, most present first: each gets a lane of its own.
  const byLabel = new Map<string, TimeSpan[]>();
  for (const signal of ofKind('object')) {
    const label = String(signal.value).toLowerCase();
    if (label === 'person') continue;
    byLabel.set(label, [...(byLabel.get(label) ?? []), signal.span]);
  }
  const ranked = [...byLabel.entries()]
    .map(([label, spans]) => ({ label, spans: mergeSpans(spans, pixel) }))
    .map((entry) => ({ ...entry, seconds: entry.spans.reduce((sum, span) => sum + span.end - span.start, 0) }))
    .sort((a, b) => b.seconds - a.seconds || a.label.localeCompare(b.label))
    .slice(0, input.maxObjectLanes ?? 5);
  if (ranked.length === 0) lanes.push({ title: 'objects', draw: () => '' });
  for (const entry of ranked) lanes.push({ title: entry.label, draw: (top, x) => blocks(entry.spans, top, x, colors.object) });

  const text = mergeSpans(ofKind('text').map((signal) => signal.span), pixel);
  lanes.push({ title: 'on-screen text', draw: (top, x) => blocks(text, top, x, colors.text) });
  const speech = mergeSpans(ofKind('speech', 'subtitle').map((signal) => signal.span), pixel);
  lanes.push({ title: 'speech', draw: (top, x) => blocks(speech, top, x, colors.speech) });
  // Motion energy is small in most footage: scale to the largest value seen, so calm and busy stretches differ.
  const motion = ofKind('motion');
  const motionPeak = Math.max(0.05, ...motion.map((signal) => (typeof signal.value === 'number' && Number.isFinite(signal.value) ? signal.value : 0)));
  lanes.push({ title: 'motion', draw: (top, x) => line(motion, top, x, { min: 0, max: motionPeak }, colors.motion) });
  const silence = mergeSpans(ofKind('silence').map((signal) => signal.span), pixel);
  lanes.push({
    title: 'loudness / silence',
    // LUFS from −60 (near silence) to 0 (full scale): the range speech and music move in.
    draw: (top, x) => blocks(silence, top, x, colors.silence) + line(ofKind('loudness'), top, x, { min: -60, max: 0 }, colors.loudness),
  });
  return lanes;
}

/**
 * Lays out the timeline of one video as SVG.
 * @example const { svg } = renderTimelineSvg({ title: 'talk.mp4', duration: 600, segments, signals });
 */
export function renderTimelineSvg(input: TimelineInput): TimelineLayout {
  const width = input.width ?? 1600;
  const duration = Math.max(input.duration, 1e-3);
  const plotWidth = width - labelWidth - rightMargin;
  const pixel = duration / plotWidth;
  const x = (time: number): number => labelWidth + (Math.min(Math.max(time, 0), duration) / duration) * plotWidth;
  const lanes = buildLanes(input, pixel);
  const height = headerHeight + lanes.length * laneHeight + axisHeight;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="28" font-size="18" fill="${colors.ink}">${escapeXml(input.title)} · ${formatTime(input.duration, { precision: 0 })}</text>`,
  ];
  const step = tickInterval(duration);
  const axisTop = headerHeight + lanes.length * laneHeight;
  for (let tick = 0; tick <= duration + 1e-9; tick += step) {
    parts.push(`<line x1="${x(tick).toFixed(1)}" y1="${headerHeight}" x2="${x(tick).toFixed(1)}" y2="${axisTop}" stroke="${colors.grid}"/>`);
    parts.push(`<text x="${x(tick).toFixed(1)}" y="${axisTop + 18}" font-size="12" text-anchor="middle" fill="${colors.ink}">${formatTime(tick, { precision: 0 })}</text>`);
  }
  lanes.forEach((lane, index) => {
    const top = headerHeight + index * laneHeight;
    parts.push(`<text x="12" y="${top + laneHeight / 2 + 5}" font-size="13" fill="${colors.ink}">${escapeXml(lane.title)}</text>`);
    parts.push(`<line x1="${labelWidth}" y1="${top + laneHeight}" x2="${width - rightMargin}" y2="${top + laneHeight}" stroke="${colors.grid}"/>`);
    parts.push(lane.draw(top, x, pixel));
  });
  parts.push('</svg>');
  return { svg: parts.join(''), width, height, lanes: lanes.map((lane) => lane.title) };
}
