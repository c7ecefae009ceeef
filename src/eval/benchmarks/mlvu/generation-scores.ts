/**
 * Reading MLVU's judge replies back into numbers and averaging them, as `calculate.py` (sub-scene
 * captioning) and `calculate_sum.py` (summary) in JUNJIE99/MLVU `evaluation/generation_evaluation/` do.
 * `extract_scores`: for each key in order, the first occurrence of the key, then the text from two
 * characters after the next ":" up to the next "," goes through Python's `float()`; a missing key is
 * skipped, so the list can be shorter and shifted (relevance alone lands in the accuracy sum). The
 * averages divide by every judged item (a reply without scores adds 0), and the task score is their sum
 * (out of 10). G-Avg, MLVU's leaderboard column, is the mean of the two task scores.
 * Where the official `float()` raises (the script stops), reelm adds 0 and counts the reply as unreadable.
 */

/** Python's `str.find(sub, start)`, with Python's clamping of a negative start. */
function pythonFind(text: string, sub: string, start = 0): number {
  return text.indexOf(sub, start < 0 ? Math.max(0, text.length + start) : start);
}

/** Python's `text[start:end]` for the non-negative start and possibly negative end `calculate.py` produces. */
function pythonSlice(text: string, start: number, end: number): string {
  const stop = end < 0 ? Math.max(0, text.length + end) : Math.min(end, text.length);
  return start >= stop ? '' : text.slice(start, stop);
}

const decimal = /^[+-]?(?:(?:\d(?:_?\d)*)(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/;
const special = /^[+-]?(?:inf|infinity|nan)$/i;

/** Python's `float(text)` on a string: surrounding whitespace allowed, digit underscores allowed; undefined where it raises. */
export function pythonFloat(text: string): number | undefined {
  const trimmed = text.trim();
  if (special.test(trimmed)) {
    const negative = trimmed.startsWith('-');
    return /nan/i.test(trimmed) ? Number.NaN : negative ? -Infinity : Infinity;
  }
  return decimal.test(trimmed) ? Number(trimmed.replace(/_/g, '')) : undefined;
}

export interface ExtractedScores {
  /** The numbers found, in key order, missing keys skipped (as `extract_scores` returns them). */
  scores: number[];
  /** A key was found but `float()` would raise on its text (the official script stops there). */
  unreadable: boolean;
}

/** `extract_scores(text)` of calculate.py / calculate_sum.py for the rubric's two keys. */
export function extractJudgeScores(text: string, keys: readonly string[]): ExtractedScores {
  const scores: number[] = [];
  for (const key of keys) {
    const startIndex = pythonFind(text, key);
    if (startIndex === -1) continue;
    const startNumber = pythonFind(text, ':', startIndex) + 2;
    const endNumber = pythonFind(text, ',', startNumber);
    const score = pythonFloat(pythonSlice(text, startNumber, endNumber));
    if (score === undefined) return { scores, unreadable: true };
    scores.push(score);
  }
  return { scores, unreadable: false };
}

export interface GenerationTaskScore {
  /** Mean of the first score (accuracy / completeness) over judged items. */
  first: number;
  /** Mean of the second score (relevance / reliability). */
  second: number;
  /** `first + second`, the task score out of 10 (SSC, VS). */
  total: number;
  judged: number;
}

/** The `accu`, `rele`, `total` that calculate.py prints for one task's judged items. */
export function averageJudgeScores(items: ReadonlyArray<readonly number[]>): GenerationTaskScore {
  let first = 0;
  let second = 0;
  for (const scores of items) {
    // `try: accu += scores[0]; rele += scores[1]` — a one-score list still adds to accu before failing.
    if (scores.length > 0) first += scores[0]!;
    if (scores.length > 1) second += scores[1]!;
  }
  first /= items.length;
  second /= items.length;
  return { first, second, total: first + second, judged: items.length };
}
