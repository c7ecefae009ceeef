/**
 * `reelm eval score --benchmark videomme`: a results file in the format of BradyFU/Video-MME
 * `evaluation/output_test_template.json` (the ground truth travels in it), scored as thanku-all/parse_answer
 * `eval_your_results.py` does with all three `--return_*` flags. Differences from the CLI: the 300 videos
 * per duration are not required (what is there is scored) and the template's trailing commas are read.
 */

import { readTextFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ScoreReport } from '../../predictions/score-report.js';
import { formatFixedSpaceSign } from '../../python-numbers.js';
import { parseVideoMmeRows } from './loader.js';
import { extractVideoMmeLetter, videoMmeReport } from './score.js';

export function scoreVideoMmePredictions(denominator: 'official' | 'all-questions' = 'official'): PredictionScorer {
  return async (input): Promise<ScoreReport> => {
    const text = await readTextFile(input.predictions, { origin: 'your model, in the format of evaluation/output_test_template.json (github.com/BradyFU/Video-MME)' });
    const rows = parseVideoMmeRows(text, input.predictions);
    const report = videoMmeReport(rows.map((r) => {
      const letter = extractVideoMmeLetter(r.response ?? '');
      return { duration: r.duration, domain: r.domain, subCategory: r.sub_category, taskType: r.task_type, score: letter === '' ? null : letter === r.answer ? 1 : 0 };
    }), { denominator });
    const printed = (value: number) => `${formatFixedSpaceSign(value, 1)}%`;
    return {
      benchmark: denominator === 'official' ? 'videomme' : 'videomme:all-questions',
      officialScript: 'thanku-all/parse_answer eval_your_results.py',
      sections: [
        { title: 'Overall Performance', rows: Object.entries(report.metrics).map(([name, value]) => row(name, value, printed(value))) },
        ...Object.entries(report.breakdowns ?? {}).map(([title, values]) => ({ title, rows: Object.entries(values).map(([name, value]) => row(name, value, printed(value))) })),
      ],
      notes: [
        `${report.unparsed} of ${report.total} responses gave no letter A–D; ${denominator === 'official' ? 'they are left out of every denominator, as the official script does' : 'they count as wrong (lmms-eval convention)'}.`,
      ],
      official: { stdout: report.printed },
    };
  };
}
