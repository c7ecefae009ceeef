/**
 * Which benchmarks `reelm eval score` can score from predictions made elsewhere, in each benchmark's own
 * published result or submission format: a frozen table keyed by benchmark id (a variant as
 * `<id>:<variant>`), each entry saying what it reads and loading its scorer lazily.
 */

import { NotFoundError } from '../../core/errors.js';
import type { PredictionScorer } from './score-report.js';

export interface PredictionScorerEntry {
  /** What `--predictions` holds, for help and errors. */
  predictions: string;
  /** What `--data` holds, or undefined where the predictions carry their ground truth. */
  data?: string;
  load(): Promise<PredictionScorer>;
}

export const predictionScorers = Object.freeze({
  tempcompass: {
    predictions: 'a model folder predictions/<model>/ with <task>.json files (or one task file); --verdicts auto_eval_results/<model>/ reuses the published judge ratings',
    data: 'a checkout of llyx97/TempCompass (meta_info.json, questions/)',
    load: async () => (await import('../benchmarks/tempcompass/score-predictions.js')).scoreTempcompassPredictions,
  },
  nextqa: {
    predictions: 'a result file {"<video>_<qid>": {"prediction", "answer"}} as results/*.json of doc-doc/NExT-QA',
    data: 'a checkout of doc-doc/NExT-QA (dataset/nextqa/val.csv)',
    load: async () => (await import('../benchmarks/nextqa/score-predictions.js')).scoreNextqaPredictions('val'),
  },
  'nextqa:test': {
    predictions: 'a result file for the test split, in the format of results/*.json',
    data: 'a checkout of doc-doc/NExT-QA (dataset/nextqa/test.csv)',
    load: async () => (await import('../benchmarks/nextqa/score-predictions.js')).scoreNextqaPredictions('test'),
  },
  qvhighlights: {
    predictions: 'a .jsonl file of {qid, pred_relevant_windows, pred_saliency_scores} (standalone_eval/README.md of jayleicn/moment_detr)',
    data: 'a checkout of jayleicn/moment_detr (data/highlight_val_release.jsonl)',
    load: async () => (await import('../benchmarks/qvhighlights/score-predictions.js')).scoreQvhighlightsPredictions('val'),
  },
  'qvhighlights:test': {
    predictions: 'a .jsonl file of test-split predictions in the same format',
    data: 'a checkout of jayleicn/moment_detr (data/highlight_test_with_gt.jsonl)',
    load: async () => (await import('../benchmarks/qvhighlights/score-predictions.js')).scoreQvhighlightsPredictions('test'),
  },
  ovobench: {
    predictions: 'a results file, or a model folder results/<model>/ split per task, as JoeLeelyf/OVO-Bench publishes them',
    load: async () => (await import('../benchmarks/ovobench/score-predictions.js')).scoreOvobenchPredictions,
  },
  videomme: {
    predictions: 'a results file in the format of evaluation/output_test_template.json of BradyFU/Video-MME (responses beside the answers)',
    load: async () => (await import('../benchmarks/videomme/score-predictions.js')).scoreVideoMmePredictions('official'),
  },
  'videomme:all-questions': {
    predictions: 'the same results file, every question in the denominator (lmms-eval convention)',
    load: async () => (await import('../benchmarks/videomme/score-predictions.js')).scoreVideoMmePredictions('all-questions'),
  },
  mlvu: {
    predictions: 'the file choice_bench.py of JUNJIE99/MLVU saves ({acc_dict, res_list: [{pred, gt, question_type}]})',
    load: async () => (await import('../benchmarks/mlvu/score-predictions.js')).scoreMlvuPredictions('official'),
  },
  'mlvu:videochat2': {
    predictions: 'the same file, scored with the videochat2 copy of check_ans',
    load: async () => (await import('../benchmarks/mlvu/score-predictions.js')).scoreMlvuPredictions('videochat2'),
  },
  lvbench: {
    predictions: 'an answer file {"<uid>": "<letter>"} as lvbench/metrics/compute_accuracy.py reads it',
    data: 'a folder with video_info.meta.jsonl (Hugging Face THUDM/LVBench), e.g. a checkout of THUDM/LVBench with it in data/',
    load: async () => (await import('../benchmarks/lvbench/score-predictions.js')).scoreLvbenchPredictions,
  },
  'charades-sta': {
    predictions: 'an lmms-eval submission {"<video>>>><caption>>>>[start, end]": "<response>"}',
    load: async () => (await import('../benchmarks/charades-sta/score-predictions.js')).scoreCharadesPredictions('utils'),
  },
  'charades-sta:eval-tvg': {
    predictions: 'the same submission, scored by lmms-eval\'s standalone eval_tvg.py',
    load: async () => (await import('../benchmarks/charades-sta/score-predictions.js')).scoreCharadesPredictions('eval-tvg'),
  },
  nextgqa: {
    predictions: 'a grounding file {"<video>_<qid>": [start, end]} (named *_gs.json for normalised spans) with test-res.json beside it',
    data: 'a checkout of doc-doc/NExT-GQA (datasets/nextgqa/gsub_test.json)',
    load: async () => (await import('../benchmarks/nextgqa/score-predictions.js')).scoreNextGqaPredictions('test'),
  },
  'nextgqa:val': {
    predictions: 'a grounding file for the val split with val-res.json beside it',
    data: 'a checkout of doc-doc/NExT-GQA (datasets/nextgqa/gsub_val.json)',
    load: async () => (await import('../benchmarks/nextgqa/score-predictions.js')).scoreNextGqaPredictions('val'),
  },
  egoschema: {
    predictions: 'a submission {"<q_uid>": <option index>} as validate.py of egoschema/EgoSchema uploads',
    data: 'a checkout of egoschema/EgoSchema (subset_answers.json)',
    load: async () => (await import('../benchmarks/egoschema/score-predictions.js')).scoreEgoSchemaPredictions,
  },
  mvbench: {
    predictions: 'the results file video_chat2/mvbench.ipynb of OpenGVLab/Ask-Anything saves (test.json: {acc_dict, res_list: [{pred, gt}]})',
    load: async () => (await import('../benchmarks/mvbench/score-predictions.js')).scoreMvbenchFormatPredictions({ benchmark: 'mvbench', officialScript: 'OpenGVLab/Ask-Anything video_chat2/mvbench.ipynb (check_ans, final_res)', printed: 'repr' }),
  },
  'mvbench:lmms-eval': {
    predictions: 'lmms-eval --log_samples output: a <date>_samples_mvbench_<subtask>.jsonl file, or the folder holding them',
    load: async () => (await import('../benchmarks/mvbench/score-lmms-eval-samples.js')).scoreMvbenchLmmsEvalSamples,
  },
  tvbench: {
    predictions: 'the results file infer.ipynb of daniel-cores/tvbench saves (test.json: {acc_dict, res_list: [{pred, gt}]})',
    load: async () => (await import('../benchmarks/mvbench/score-predictions.js')).scoreMvbenchFormatPredictions({ benchmark: 'tvbench', officialScript: 'daniel-cores/tvbench infer.ipynb (check_ans of vqa_dataset.py)', printed: 'percent-2f' }),
  },
  longvideobench: {
    predictions: 'a submission {"<id>": "<response or letter>"} as lmms-eval writes longvideobench_test_for_submission.json',
    data: 'the Hugging Face dataset folder longvideobench/LongVideoBench (lvb_val.json)',
    load: async () => (await import('../benchmarks/longvideobench/score-predictions.js')).scoreLongVideoBenchPredictions,
  },
  'perception-test': {
    predictions: 'a multiple-choice submission {"<video id>": [{"id": <question id>, "answer_id": <option index>}]}',
    data: 'a folder with mc_question_valid.json (mc_question_valid_annotations.zip from google-deepmind/perception_test) or the Hugging Face dataset lmms-lab/PerceptionTest_Val',
    load: async () => (await import('../benchmarks/perception-test/score-predictions.js')).scorePerceptionTestPredictions,
  },
  'mlvu-generation': {
    predictions: 'open_bench.py\'s output of JUNJIE99/MLVU (subplot_all.json, summary_all.json, or a folder with both); --verdicts reuses the saved judge output of evaluate_ssc.py / evaluate_summary.py, --judge judges again',
    data: 'a checkout of JUNJIE99/MLVU (data/8_sub_scene.json for the scoring points)',
    load: async () => (await import('../benchmarks/mlvu/generation-predictions.js')).scoreMlvuGenerationPredictions,
  },
} as const satisfies Record<string, PredictionScorerEntry>);

export type PredictionScorerId = keyof typeof predictionScorers;

export function getPredictionScorer(id: string): PredictionScorerEntry {
  if (!Object.hasOwn(predictionScorers, id)) {
    throw new NotFoundError(`benchmark ${id}`, `reelm eval score cannot read predictions for "${id}"; it can for: ${Object.keys(predictionScorers).join(', ')}.`);
  }
  return predictionScorers[id as PredictionScorerId];
}
