/**
 * Video-MME scoring as the official script does it: thanku-all/parse_answer `eval_your_results.py`
 * (the script BradyFU/Video-MME's README points to). Facts it keeps, quirks included:
 * - `extract_characters_regex`: strip, then delete each prefix anywhere (`str.replace`), in order; two
 *   pairs are run together by missing commas in the source ("The best option isThe correct option is",
 *   "Best answer:Best option:"), so "Best answer: A" keeps its "B"; then the first upper-case A–D
 *   anywhere ("Based on…" → B). More than ten words and no letter → "" (the same result either way).
 * - Accuracy counts only answered questions (extraction ≠ ""), per duration, domain, sub-category and
 *   task type, printed with `' .1f'`; a category with nothing answered prints ` 0.0`.
 * The lmms-eval convention (every question in the denominator) is the `all-questions` aggregate.
 */

import type { OfficialReport } from '../../benchmark.js';
import { formatFixedSpaceSign } from '../../python-numbers.js';

export const videoMmeDomains = ['Knowledge', 'Film & Television', 'Sports Competition', 'Artistic Performance', 'Life Record', 'Multilingual'] as const;

export const videoMmeSubCategories = [
  'Humanity & History', 'Literature & Art', 'Biology & Medicine', 'Finance & Commerce', 'Astronomy', 'Geography', 'Law', 'Life Tip',
  'Technology', 'Animation', 'Movie & TV Show', 'Documentary', 'News Report', 'Esports', 'Basketball', 'Football', 'Athletics',
  'Other Sports', 'Stage Play', 'Magic Show', 'Variety Show', 'Acrobatics', 'Handicraft', 'Food', 'Fashion', 'Daily Life', 'Travel',
  'Pet & Animal', 'Exercise', 'Multilingual',
] as const;

export const videoMmeTaskTypes = [
  'Temporal Perception', 'Spatial Perception', 'Attribute Perception', 'Action Recognition', 'Object Recognition', 'OCR Problems',
  'Counting Problem', 'Temporal Reasoning', 'Spatial Reasoning', 'Action Reasoning', 'Object Reasoning', 'Information Synopsis',
] as const;

export const videoMmeDurations = ['short', 'medium', 'long'] as const;

// Verbatim list semantics: adjacent string literals without a comma concatenate in Python.
const answerPrefixes = [
  'The best answer is',
  'The correct answer is',
  'The answer is',
  'The answer',
  'The best option is' + 'The correct option is',
  'Best answer:' + 'Best option:',
  'Answer:',
  'Option:',
  'The correct answer',
  'The correct option',
] as const;

/** The official extraction: one of A–D, or "" when the response gives none. */
export function extractVideoMmeLetter(response: string): string {
  let text = response.trim();
  for (const prefix of answerPrefixes) text = text.split(prefix).join('');
  // Python's str.split() splits on runs of whitespace; >10 words without a letter is "".
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length > 10 && !/[ABCD]/.test(text)) return '';
  return /[ABCD]/.exec(text)?.[0] ?? '';
}

/** What the official aggregation needs of one question. */
export interface VideoMmeScoredQuestion {
  duration: string;
  domain: string;
  subCategory: string;
  taskType: string;
  /** 1 right, 0 wrong, null when nothing was extracted. */
  score: number | null;
}

interface Tally { correct: number; answered: number }
type TallyTable = Record<string, Tally>;

function emptyTable(names: readonly string[]): TallyTable {
  return Object.fromEntries(names.map((name) => [name, { correct: 0, answered: 0 }]));
}

function tallyKey(table: TallyTable, key: string, what: string): Tally {
  const tally = table[key];
  // The official script raises KeyError on a name outside its lists; reelm names the value instead.
  if (!tally) throw new RangeError(`Video-MME ${what} "${key}" is not one of the official names.`);
  return tally;
}

function percent(tally: Tally): number {
  return tally.answered > 0 ? (100 * tally.correct) / tally.answered : 0;
}

function sum(tallies: readonly Tally[]): Tally {
  return tallies.reduce((total, t) => ({ correct: total.correct + t.correct, answered: total.answered + t.answered }), { correct: 0, answered: 0 });
}

export interface VideoMmeOptions {
  /** Duration types evaluated, in order (the CLI's `--video_duration_type`); default all three. */
  durations?: readonly string[];
  /** `official`: answered questions only; `all-questions`: every question counts (lmms-eval). */
  denominator?: 'official' | 'all-questions';
}

/** The official report: per duration and for the whole set, with the printed text of the official CLI (all three `--return_*` flags). */
export function videoMmeReport(questions: readonly VideoMmeScoredQuestion[], options: VideoMmeOptions = {}): OfficialReport {
  const durations = options.durations ?? videoMmeDurations;
  const allQuestions = options.denominator === 'all-questions';
  const perDuration = new Map<string, { tasks: TallyTable; domains: TallyTable; subs: TallyTable }>();
  for (const duration of durations) perDuration.set(duration, { tasks: emptyTable(videoMmeTaskTypes), domains: emptyTable(videoMmeDomains), subs: emptyTable(videoMmeSubCategories) });
  let unparsed = 0;
  for (const question of questions) {
    const tables = perDuration.get(question.duration);
    if (!tables) continue;
    if (question.score === null) unparsed++;
    if (question.score === null && !allQuestions) continue;
    const correct = question.score ?? 0;
    for (const tally of [tallyKey(tables.tasks, question.taskType, 'task_type'), tallyKey(tables.domains, question.domain, 'domain'), tallyKey(tables.subs, question.subCategory, 'sub_category')]) {
      tally.answered += 1;
      tally.correct += correct;
    }
  }
  const lines: string[] = [];
  const metrics: Record<string, number> = {};
  const breakdowns: Record<string, Record<string, number>> = {};
  const section = (title: string, rows: ReadonlyArray<readonly [string, Tally]>, breakdown: string) => {
    lines.push('-------------------------------------', title, '-------------------------------------');
    breakdowns[breakdown] = {};
    for (const [name, tally] of rows) {
      lines.push(`${name}: ${formatFixedSpaceSign(percent(tally), 1)}%`);
      breakdowns[breakdown][name] = percent(tally);
    }
  };
  for (const duration of durations) {
    const tables = perDuration.get(duration)!;
    lines.push('=====================================', `Evaluation on video Type: ${duration}`, '=====================================');
    section('Video Categories', Object.entries(tables.domains), `${duration}/Video Categories`);
    section('Video Sub Categories', Object.entries(tables.subs), `${duration}/Video Sub Categories`);
    section('Task Categories', Object.entries(tables.tasks), `${duration}/Task Categories`);
    lines.push('-------------------------------------', 'Overall Performance', '-------------------------------------');
    const overall = sum(videoMmeTaskTypes.map((t) => tables.tasks[t]!));
    metrics[duration] = percent(overall);
    lines.push(`Overall: ${formatFixedSpaceSign(percent(overall), 1)}%`, '', '');
  }
  lines.push('=====================================', 'Evaluation on the entire dataset', '=====================================');
  const across = (pick: (t: { tasks: TallyTable; domains: TallyTable; subs: TallyTable }) => TallyTable, name: string) => sum(durations.map((d) => pick(perDuration.get(d)!)[name]!));
  section('Video Domains', videoMmeDomains.map((name) => [name, across((t) => t.domains, name)] as const), 'Video Domains');
  section('Video Sub Categories', videoMmeSubCategories.map((name) => [name, across((t) => t.subs, name)] as const), 'Video Sub Categories');
  section('Task Categories', videoMmeTaskTypes.map((name) => [name, across((t) => t.tasks, name)] as const), 'Task Categories');
  lines.push('-------------------------------------', 'Overall Performance', '-------------------------------------');
  const overall = sum(durations.flatMap((d) => videoMmeTaskTypes.map((t) => perDuration.get(d)!.tasks[t]!)));
  metrics.overall = percent(overall);
  lines.push(`Overall: ${formatFixedSpaceSign(percent(overall), 1)}%`);
  const scoped = questions.filter((q) => perDuration.has(q.duration));
  return { metrics, breakdowns, counted: overall.answered, total: scoped.length, unparsed, printed: `${lines.join('\n')}\n` };
}
