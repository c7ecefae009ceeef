/**
 * The oracle's highlight saliency: how well each clip matches a query, from what its samples showed.
 * The query's words say what to look for — a colour and/or shape word (`the cyan diamond is visible`),
 * text (`on-screen text is shown`, or a quoted word), motion (`a shape is moving`) — and a sample
 * matches when it shows that. A sample stands for the half interval either side of its time; a clip
 * scores 0–4 by the share of it that matching samples cover (4 = all of it).
 */

import { colourVocabulary } from './colour-names.js';
import type { Observation } from './observe.js';
import { shapeVocabulary } from './shape-features.js';
import { samplingInterval, trackObjects } from './track-objects.js';

export interface ClipScore {
  start: number;
  end: number;
  score: number;
}

interface QueryNeeds {
  colour?: string;
  shape?: string;
  text: boolean;
  /** A particular word or number to read. */
  literal?: string;
  moving: boolean;
}

function readQuery(query: string): QueryNeeds {
  const lower = query.toLowerCase();
  const words = lower.split(/[^a-z0-9]+/).filter((w) => w !== '');
  const colour = words.find((w) => (colourVocabulary as readonly string[]).includes(w));
  const shape = (shapeVocabulary as readonly string[]).find((s) => words.some((w) => w === s || w === `${s}s` || w === `${s}es`));
  const literal = /["“']([^"”']+)["”']/.exec(query)?.[1]?.trim().toLowerCase();
  return {
    ...(colour ? { colour } : {}),
    ...(shape ? { shape } : {}),
    ...(literal ? { literal } : {}),
    text: /\b(text|word|words|number|numbers|written|caption|title)\b/.test(lower),
    moving: /\b(mov\w*|travel\w*|cross\w*|slid\w*)\b/.test(lower),
  };
}

/** Times of samples that show what the query asks for. */
function matchingTimes(needs: QueryNeeds, observations: readonly Observation[]): number[] {
  const times = new Set<number>();
  const wantsObject = needs.colour !== undefined || (needs.shape !== undefined && !needs.moving);
  if (needs.moving) {
    // A moving object: a track whose object travels at least its own size while seen.
    for (const track of trackObjects(observations)) {
      if (track.points.length < 2) continue;
      const a = track.points[0]!.object;
      const b = track.points.at(-1)!.object;
      const size = Math.max(a.box.x1 - a.box.x0, a.box.y1 - a.box.y0, 1);
      const fits = (needs.colour === undefined || a.colour === needs.colour) && (needs.shape === undefined || a.shape === needs.shape);
      if (fits && Math.hypot(b.x - a.x, b.y - a.y) >= size) for (const point of track.points) times.add(point.time);
    }
  }
  for (const observation of observations) {
    const texts = observation.texts.map((t) => t.trim().toLowerCase()).filter((t) => /^[a-z]+$|^\d+$/.test(t));
    if (needs.literal !== undefined && texts.includes(needs.literal)) times.add(observation.time);
    else if (needs.literal === undefined && needs.text && texts.length > 0) times.add(observation.time);
    if (wantsObject && observation.objects.some((o) => (needs.colour === undefined || o.colour === needs.colour) && (needs.shape === undefined || o.shape === needs.shape))) {
      times.add(observation.time);
    }
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * Scores the clips of `clipSeconds` from `start` to `end` for a query (only clips scoring 1 or more).
 * @example scoreClips('the red circle is visible', observations, 2, 0, 60) // [{ start: 4, end: 6, score: 4 }, …]
 */
export function scoreClips(query: string, observations: readonly Observation[], clipSeconds: number, start: number, end: number): ClipScore[] {
  const half = samplingInterval(observations) / 2;
  const covered = matchingTimes(readQuery(query), observations).map((t) => ({ start: t - half, end: t + half }));
  const scores: ClipScore[] = [];
  for (let index = 0; start + index * clipSeconds < end - 1e-9; index++) {
    const clipStart = start + index * clipSeconds;
    const clipEnd = Math.min(end, clipStart + clipSeconds);
    let seconds = 0;
    let reached = clipStart;
    for (const span of covered) {
      const from = Math.max(reached, span.start, clipStart);
      const to = Math.min(span.end, clipEnd);
      if (to > from) (seconds += to - from), (reached = to);
    }
    const score = Math.round((4 * seconds) / (clipEnd - clipStart));
    if (score >= 1) scores.push({ start: clipStart, end: clipEnd, score });
  }
  return scores;
}
