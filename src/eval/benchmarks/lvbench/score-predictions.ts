/**
 * `reelm eval score --benchmark lvbench`: an answer file `{"<uid>": "<letter>"}` as
 * `lvbench/metrics/compute_accuracy.py` reads it (answers already polished), against `video_info.meta.jsonl`
 * from `--data`; fractions per question type and overall, and the leaderboard names of `scripts/test_acc.py`.
 */

import { parseJsonLines, readPublishedText } from '../../benchmark-files.js';
import { readJsonFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ScoreReport } from '../../predictions/score-report.js';
import { floatRepr } from '../../python-numbers.js';
import { lvbenchMetaFile } from './loader.js';
import { lvbenchReport } from './score.js';

export const scoreLvbenchPredictions: PredictionScorer = async (input): Promise<ScoreReport> => {
  const { path: metaPath, text } = await readPublishedText(input.dataDir ?? '.', lvbenchMetaFile);
  const meta = parseJsonLines<{ qa: Array<{ uid: number | string; answer: string; question_type: string[] }> }>(text, metaPath);
  const answers = await readJsonFile<Record<string, string>>(input.predictions, { origin: 'your model, as an answer file {"<uid>": "<letter>"}' });
  const report = lvbenchReport(meta.flatMap((line) => line.qa.map((qa) => ({ uid: String(qa.uid), answer: qa.answer, questionTypes: qa.question_type }))), answers);
  return {
    benchmark: 'lvbench',
    officialScript: 'THUDM/LVBench lvbench/metrics/compute_accuracy.py',
    sections: [
      { title: 'compute_accuracy', rows: Object.entries(report.metrics).map(([name, value]) => row(name, value, floatRepr(value))) },
      { title: 'result.json (leaderboard)', rows: Object.entries(report.breakdowns?.leaderboard ?? {}).map(([name, value]) => row(name, value, floatRepr(value))) },
    ],
    notes: [`${report.counted} of ${report.total} questions are in the answer file (the others are left out, as the official script does); ${report.unparsed} answers are empty.`],
  };
};
