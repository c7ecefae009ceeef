/**
 * `reelm eval score --benchmark ovobench`: a results file, or a model's results folder split per task
 * (`results/<model>/`), scored as `score.py` + `utils/OVOBenchScore.py` score it and printed as they print
 * (2 decimals). Results carry their own ground truth, so `--data` is not needed.
 */

import { row, type ScoreReport, type ScorePredictionsInput } from '../../predictions/score-report.js';
import { formatFixedLikePython } from '../../python-numbers.js';
import { loadOvoResults, type OvoMode } from './records.js';
import { scoreChoice, scoreCount, scoreYesNo, summarizeOvo, type OvoScoredAnswer } from './rules.js';

const modeTitles: Record<OvoMode, string> = { backward: 'Backward Tracing', realtime: 'Real-time Visual Perception', forward: 'Forward Active Responding' };
const modeRows: Record<OvoMode, string> = { backward: 'Backward Avg.', realtime: 'Realtime Avg.', forward: 'Forward Avg.' };

export async function scoreOvobenchPredictions(input: ScorePredictionsInput): Promise<ScoreReport> {
  const { results, files } = await loadOvoResults(input.predictions);
  const answers: OvoScoredAnswer[] = [];
  let missing = 0;
  for (const r of [...results.backward, ...results.realtime]) {
    if (r.response === null || r.response === undefined) missing += 1;
    answers.push({ task: r.task, score: scoreChoice(r.response, r.ground_truth) });
  }
  for (const item of results.forward) {
    for (const probe of item.test_info ?? []) {
      if (probe.response === null || probe.response === undefined) missing += 1;
      answers.push({ task: item.task, score: item.task === 'REC' ? scoreCount(probe.response, probe.count ?? 0) : scoreYesNo(probe.response, probe.type ?? 0) });
    }
  }
  const summary = summarizeOvo(answers);
  const format = (value: number): string => formatFixedLikePython(value, 2);
  const sections = (Object.keys(modeTitles) as OvoMode[]).flatMap((mode) => {
    const tasks = summary.tasks.filter((t) => t.mode === mode);
    const average = summary.modes[mode];
    if (!tasks.length || average === undefined) return [];
    return [{ title: modeTitles[mode], rows: [...tasks.map((t) => row(t.task, t.accuracy, format(t.accuracy), t.count)), row(modeRows[mode], average, format(average))] }];
  });
  const notes = [`read ${files.length} result file(s)`];
  if (missing) notes.push(`${missing} answers are missing (None); score.py counts them as wrong, and so does this report.`);
  if (summary.total !== null) sections.push({ title: 'Total', rows: [row('Total Avg.', summary.total, format(summary.total))] });
  else notes.push('Total Avg. needs results of all three modes (score.py stops without them).');
  return { benchmark: 'ovobench', officialScript: 'JoeLeelyf/OVO-Bench score.py (utils/OVOBenchScore.py)', sections, notes };
}
