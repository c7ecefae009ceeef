/**
 * Question families with exact answers, derived from the scene script: what colour, what shape, how
 * many, what text, when (grounding: answered with spans), what first (order), which direction, faster
 * or slower, does X ever appear (needle), what changed. Each family yields the same number of questions
 * per video when the script has the material, alternating multiple-choice and open (or grounding) form.
 */

import { formatSpan, formatTime, type TimeSpan } from '../../core/time.js';
import { wordList } from './palette.js';
import { Prng, deriveSeed } from './prng.js';
import { colourNames, directions, shapeNames, type SceneScript } from './scene-script.js';
import { colourAt, nameableSubjects, settledTime, speedOf, visibleAt, type Subject } from './script-facts.js';

export const questionFamilies = ['colour', 'shape', 'count', 'text', 'when', 'order', 'direction', 'speed', 'needle', 'change'] as const;
export type QuestionFamily = (typeof questionFamilies)[number];
export type QuestionForm = 'multiple-choice' | 'open' | 'grounding';

export interface SynthQuestion {
  id: string;
  family: QuestionFamily;
  form: QuestionForm;
  question: string;
  /** Multiple choice: the option texts, lettered A, B, … in this order. */
  options?: string[];
  /** Multiple choice: the letter; open: the canonical answer; grounding: the spans, formatted. */
  answer: string;
  /** Open form: answers counted correct (lower case, matched as whole words). */
  accepted?: string[];
  /** Grounding form: the answer spans. */
  spans?: TimeSpan[];
  /** Where the evidence needed to answer is on screen. */
  evidence: TimeSpan[];
}

interface Fact {
  key: string;
  question: string;
  answer: string;
  accepted: string[];
  wrong: string[];
  evidence: TimeSpan[];
  spans?: TimeSpan[];
}

type FactMaker = (script: SceneScript, random: Prng, subjects: Subject[]) => Fact | undefined;
const at = (time: number): string => formatTime(time);
const others = <T>(random: Prng, pool: readonly T[], not: readonly T[], count: number): T[] => random.shuffle(pool.filter((p) => !not.includes(p))).slice(0, count);
const withArticle = (noun: string): string => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
const singles = (subjects: Subject[]): Subject[] => subjects.filter((s) => s.items.length === 1);

const makers: Record<QuestionFamily, FactMaker> = {
  colour(script, random, subjects) {
    const s = random.pick(singles(subjects));
    const time = settledTime(s.first);
    if (visibleAt(script, time).some((item) => item !== s.first && item.shape === s.first.shape)) return undefined;
    const colour = colourAt(s.first, time);
    return { key: s.id, question: `What colour is the ${s.first.shape} on screen at ${at(time)}?`, answer: colour, accepted: [colour], wrong: others(random, colourNames, [colour], 3), evidence: [s.span] };
  },
  shape(script, random, subjects) {
    const s = random.pick(singles(subjects));
    const time = settledTime(s.first);
    const colour = colourAt(s.first, time);
    if (visibleAt(script, time).some((item) => item !== s.first && colourAt(item, time) === colour)) return undefined;
    return { key: s.id, question: `What shape is the ${colour} object on screen at ${at(time)}?`, answer: s.first.shape, accepted: [s.first.shape], wrong: others(random, shapeNames, [s.first.shape], 3), evidence: [s.span] };
  },
  count(_script, random, subjects) {
    const groups = subjects.filter((s) => s.items.length > 1);
    if (groups.length === 0) return undefined;
    const s = random.pick(groups);
    const n = s.items.length;
    const time = settledTime(s.first);
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
    return { key: s.id, question: `How many ${s.name} are on screen at ${at(time)}?`, answer: String(n), accepted: [String(n), words[n] ?? String(n)], wrong: [n - 1, n + 1, n + 2].filter((v) => v >= 1).map(String), evidence: [s.span] };
  },
  text(script, random) {
    const text = random.pick(script.texts);
    const time = Math.round(((text.start + text.end) / 2) * 10) / 10;
    if (script.texts.some((t) => t !== text && t.kind === text.kind && time >= t.start && time < t.end)) return undefined;
    const pool = text.kind === 'word' ? wordList : Array.from({ length: 12 }, () => String(random.int(10, 9999)));
    return { key: text.id, question: `What ${text.kind} is shown on screen at ${at(time)}?`, answer: text.text, accepted: [text.text], wrong: others(random, pool, [text.text], 3), evidence: [{ start: text.start, end: text.end }] };
  },
  when(script, random, subjects) {
    const s = random.pick(subjects);
    const length = s.span.end - s.span.start;
    const wrongSpans = [-2, -1, 1, 2, 3]
      .map((k) => ({ start: Math.round((s.span.start + k * Math.max(length, 2) * 1.5) * 10) / 10, end: 0 }))
      .map((w) => ({ start: w.start, end: Math.round((w.start + length) * 10) / 10 }))
      .filter((w) => w.start >= 0 && w.end <= script.duration);
    const verb = s.items.length > 1 ? 'are' : 'is';
    return { key: s.id, question: `When ${verb} the ${s.name} on screen?`, answer: formatSpan(s.span), accepted: [], wrong: others(random, wrongSpans, [], 3).map((w) => formatSpan(w)), evidence: [s.span], spans: [s.span] };
  },
  order(_script, random, subjects) {
    const [a, b] = random.shuffle(subjects);
    if (!a || !b || Math.abs(a.span.start - b.span.start) < 1) return undefined;
    const first = a.span.start < b.span.start ? a : b;
    const second = first === a ? b : a;
    return { key: `${a.id}<${b.id}`, question: `Which appears first: the ${a.name} or the ${b.name}?`, answer: `the ${first.name}`, accepted: [first.name], wrong: [`the ${second.name}`], evidence: [first.span, second.span] };
  },
  direction(_script, random, subjects) {
    const movers = singles(subjects).filter((s) => speedOf(s.first) > 0);
    if (movers.length === 0) return undefined;
    const s = random.pick(movers);
    const direction = s.first.motion.direction;
    return { key: s.id, question: `In which direction does the ${s.name} move?`, answer: direction, accepted: [direction], wrong: directions.filter((d) => d !== direction), evidence: [s.span] };
  },
  speed(_script, random, subjects) {
    const [a, b] = random.shuffle(singles(subjects).filter((s) => speedOf(s.first) > 0));
    if (!a || !b) return undefined;
    const ratio = speedOf(a.first) / speedOf(b.first);
    if (ratio < 2 && ratio > 0.5) return undefined;
    const answer = ratio > 1 ? 'faster' : 'slower';
    return { key: `${a.id}~${b.id}`, question: `Does the ${a.name} move faster or slower than the ${b.name}?`, answer, accepted: [answer], wrong: [answer === 'faster' ? 'slower' : 'faster'], evidence: [a.span, b.span] };
  },
  needle(script, random, subjects) {
    const usedCombos = new Set(script.items.flatMap((item) => [item.colour, ...item.changes.map((c) => c.colour)].map((c) => `${c} ${item.shape}`)));
    const absent = shapeNames.flatMap((shape) => colourNames.map((colour) => `${colour} ${shape}`)).filter((name) => !usedCombos.has(name));
    if (random.chance(0.5) && absent.length > 0) {
      const name = random.pick(absent);
      return { key: `absent ${name}`, question: `Does ${withArticle(name)} appear at any time in the video?`, answer: 'no', accepted: ['no'], wrong: ['yes'], evidence: [] };
    }
    const briefs = singles(subjects).filter((s) => s.first.role === 'brief');
    const s = random.pick(briefs.length > 0 ? briefs : singles(subjects));
    return { key: s.id, question: `Does ${withArticle(s.name)} appear at any time in the video?`, answer: 'yes', accepted: ['yes'], wrong: ['no'], evidence: [s.span] };
  },
  change(_script, random, subjects) {
    const changing = singles(subjects).filter((s) => s.first.changes.length > 0);
    if (changing.length === 0) return undefined;
    const s = random.pick(changing);
    const change = s.first.changes[0]!;
    const answer = change.colour ? `it turns ${change.colour}` : (change.size ?? 0) > s.first.size ? 'it grows' : 'it shrinks';
    const accepted = change.colour ? [change.colour] : answer === 'it grows' ? ['grows', 'bigger', 'larger'] : ['shrinks', 'smaller'];
    const pool = ['it grows', 'it shrinks', ...others(random, colourNames, [s.first.colour], 3).map((c) => `it turns ${c}`)];
    const evidence = [{ start: s.first.appear, end: s.first.disappear }];
    return { key: s.id, question: `What changes about the ${s.name} while it is on screen?`, answer, accepted, wrong: others(random, pool, [answer], 3), evidence };
  },
};

/** The questions of one video: `perFamily` of each family where the script allows, alternating forms. */
export function buildQuestions(script: SceneScript, perFamily: number): SynthQuestion[] {
  const subjects = nameableSubjects(script);
  const questions: SynthQuestion[] = [];
  for (const family of questionFamilies) {
    const random = new Prng(deriveSeed(script.seed, 'questions', family));
    const keys = new Set<string>();
    for (let attempt = 0; attempt < perFamily * 12 && keys.size < perFamily; attempt++) {
      if (subjects.length === 0 || (family === 'text' && script.texts.length === 0)) break;
      let fact: Fact | undefined;
      try {
        fact = makers[family](script, random, subjects);
      } catch (error) {
        if (error instanceof RangeError) break; // no material of that kind (pick from an empty list)
        throw error;
      }
      if (!fact || keys.has(fact.key) || fact.wrong.length === 0) continue;
      keys.add(fact.key);
      const k = keys.size - 1;
      const id = `${script.id}-${family}-${k + 1}`;
      if (k % 2 === 0) {
        const options = random.shuffle([fact.answer, ...fact.wrong]);
        const letter = String.fromCharCode(65 + options.indexOf(fact.answer));
        questions.push({ id, family, form: 'multiple-choice', question: fact.question, options, answer: letter, evidence: fact.evidence, ...(fact.spans ? { spans: fact.spans } : {}) });
      } else if (fact.spans) {
        questions.push({ id, family, form: 'grounding', question: `${fact.question} Answer with time spans.`, answer: fact.answer, spans: fact.spans, evidence: fact.evidence });
      } else {
        questions.push({ id, family, form: 'open', question: fact.question, answer: fact.answer, accepted: fact.accepted, evidence: fact.evidence });
      }
    }
  }
  return questions;
}
