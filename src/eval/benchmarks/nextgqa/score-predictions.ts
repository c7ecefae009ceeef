/**
 * `reelm eval score --benchmark nextgqa[:val]`: a grounding prediction file `{"<video>_<qid>": [start, end]}`
 * and, beside it, the QA result file `<split>-res.json` (`{"<video>_<qid>": {answer, prediction}}`), as
 * `code/TempGQA/eval_ground.py::main` reads them; `gsub_<split>.json` comes from `--data`. A file named
 * `*_gs.json` holds normalised spans (the script's `gs=True`: × duration, rounded half to even).
 */

import path from 'node:path';
import { readJsonFile } from '../../predictions/read-official-file.js';
import { row, type PredictionScorer, type ScoreReport } from '../../predictions/score-report.js';
import { formatFixedLikePython } from '../../python-numbers.js';
import { evalGround, type NextGqaGroundTruth, type NextGqaQaResults } from './score.js';

const origin = { origin: 'the GitHub repository doc-doc/NExT-GQA (datasets/nextgqa/)' };

export function scoreNextGqaPredictions(split: 'val' | 'test'): PredictionScorer {
  return async (input): Promise<ScoreReport> => {
    const dataDir = input.dataDir ?? '.';
    const gtFile = [path.join(dataDir, 'datasets/nextgqa', `gsub_${split}.json`), path.join(dataDir, `gsub_${split}.json`)];
    const gt = await readJsonFile<NextGqaGroundTruth>(gtFile[0]!, origin).catch(() => readJsonFile<NextGqaGroundTruth>(gtFile[1]!, origin));
    const predictions = await readJsonFile<Record<string, number[]>>(input.predictions, { origin: 'your model, as a grounding file {"<video>_<qid>": [start, end]}' });
    const qaFile = path.join(path.dirname(input.predictions), `${split}-res.json`);
    const qa = await readJsonFile<NextGqaQaResults>(qaFile, { origin: `your model's QA results, beside the grounding file (eval_ground.py reads ${split}-res.json there)` });
    const gs = /_gs\.json$/.test(input.predictions);
    const { report } = evalGround(gt, predictions, qa, { gs });
    return {
      benchmark: split === 'test' ? 'nextgqa' : 'nextgqa:val',
      officialScript: 'doc-doc/NExT-GQA code/TempGQA/eval_ground.py',
      sections: [{ title: 'Grounded QA', rows: Object.entries(report.metrics).map(([name, value]) => row(name, value, formatFixedLikePython(value, 1), report.counted)) }],
      notes: [`${report.counted} predicted questions in the ground truth; ${gs ? 'normalised spans (gs)' : 'spans in seconds'}.`],
      official: { printed: report.printed },
    };
  };
}
