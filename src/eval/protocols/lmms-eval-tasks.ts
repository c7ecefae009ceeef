/**
 * lmms-eval's prompts for reelm's benchmarks, recorded as data: per benchmark (and variant) the lmms-eval
 * task, its yaml, the `doc_to_text` function that joins the parts, the yaml's `lmms_eval_specific_kwargs`
 * (the `default` entry and every per-model-class override, strings verbatim), and the join rule in words.
 * All from github.com/EvolvingLMMs-Lab/lmms-eval at `lmmsEvalCommit`. lmms-eval-prompt.ts builds the text.
 *
 * How lmms-eval picks the entry (`lmms_eval/api/task.py` L887–894): if the model class is a key, that
 * entry alone is used (it replaces `default`, it is not merged with it); otherwise `default`.
 */

export const lmmsEvalCommit = '75571cfe0fa36ca5ec2e6aa2bb268f9d38295af3';

/** The keys of an `lmms_eval_specific_kwargs` entry that a `doc_to_text` of these tasks reads. */
export interface LmmsEvalKwargs {
  pre_prompt?: string;
  /** A string, or per sub-task strings (TempCompass keys them by task). */
  post_prompt?: string | Readonly<Record<string, string>>;
  /** Video-MME: `qwen3_vl` switches to the "Question: …\nOptions:\n…" layout. */
  format?: 'qwen3_vl';
  /** Video-MME with subtitles: the frame count the subtitles are picked at (its own linspace, not the model's frames). */
  frame_num?: number;
  /** Video-MME with subtitles, gemini_api: "full subtitle" puts every cue in. */
  gemini_api_flag?: 'full subtitle';
}

export interface LmmsEvalTaskPrompts {
  /** lmms-eval task name(s). */
  task: string;
  /** The yaml that declares the kwargs, repository-relative. */
  yaml: string;
  /** `utils.py` function that builds the text. */
  docToText: string;
  /** The join, in words, with every literal the function adds. */
  rule: string;
  /** `lmms_eval_specific_kwargs` as the yaml gives it; absent when the yaml has none (doc_to_text then gets None). */
  kwargs?: Readonly<Record<string, LmmsEvalKwargs>>;
  /** Where reelm's doc differs from the Hugging Face row lmms-eval reads, or lmms-eval has no such task. */
  notes?: string;
}

const videommeYaml = 'lmms_eval/tasks/videomme/videomme.yaml';
const answerDirectly = "\nAnswer with the option's letter from the given choices directly.";

/** Keyed by reelm benchmark id, `id:variant` where a variant maps to another lmms-eval task. */
export const lmmsEvalTasks = Object.freeze({
  videomme: {
    task: 'videomme',
    yaml: videommeYaml,
    docToText: 'lmms_eval/tasks/videomme/utils.py videomme_doc_to_text',
    rule: 'instruction + "\\n" + question + "\\n" + options (as published, "A. …") joined by "\\n" + "\\n" + post_prompt ("The best answer is:" when the entry has none); pre_prompt is not used. format qwen3_vl: pre_prompt + question + "\\nOptions:\\n" + options + "\\n" + post_prompt. The instruction says "based on the video and the subtitles" even without subtitles.',
    kwargs: {
      default: { pre_prompt: '', post_prompt: answerDirectly },
      gpt4v: { pre_prompt: '', post_prompt: 'Answer the question with A, B, C, or D.' },
      llava_vid: { pre_prompt: '', post_prompt: 'The best answer is:' },
      qwen3_vl: { format: 'qwen3_vl', pre_prompt: 'Question: ', post_prompt: 'Answer with the option letter only.' },
      xcomposer2_4khd: { pre_prompt: '[UNUSED_TOKEN_146]user\n', post_prompt: ' Answer this question with A, B, C, or D.[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n' },
    },
  },
  'videomme:subtitles': {
    task: 'videomme_w_subtitle',
    yaml: 'lmms_eval/tasks/videomme/videomme_w_subtitle.yaml',
    docToText: 'lmms_eval/tasks/videomme/utils.py videomme_doc_to_text_subtitle',
    rule: '"This video\'s subtitles are listed below: \\n" + subtitles + "\\n" + instruction + "\\n" + question + "\\n" + options + "\\nThe best answer is:" (post_prompt is not used). Subtitles: "No subtitles available" when the video has no .srt; else the text of each cue that holds one of frame_num frames picked by np.linspace(0, total-1, frame_num), once each, joined by "\\n"; gemini_api_flag "full subtitle": every cue. format qwen3_vl: the subtitle block + "\\n" + the qwen3_vl layout.',
    kwargs: {
      default: { frame_num: 32, pre_prompt: '', post_prompt: '\nAnswer the question using a single word or phrase.' },
      gemini_api: { gemini_api_flag: 'full subtitle' },
      llava_vid: { frame_num: 768, pre_prompt: '', post_prompt: '\nAnswer the question using a single word or phrase.' },
      qwen3_vl: { frame_num: 768, format: 'qwen3_vl', pre_prompt: 'Question: ', post_prompt: 'Answer with the option letter only.' },
    },
    notes: 'reelm picks the cues at frame_num times spread evenly over the times of the frames it sends (the same frames when frame_num equals the class\'s frame count), and uses cue text with its tags removed; lmms-eval keeps only text inside <font color="white" size=".72c">…</font>, as Video-MME\'s files have it, and de-duplicates with set() (order not guaranteed there; spoken order here).',
  },
  mvbench: {
    task: 'mvbench_<sub_task> (20 tasks)',
    yaml: 'lmms_eval/tasks/mvbench/mvbench_action_antonym.yaml (the same kwargs in all 20)',
    docToText: 'lmms_eval/tasks/mvbench/utils.py mvbench_doc_to_text',
    rule: '"Question:" + question + "\\nOption:\\n" + "(A) c1\\n(B) c2\\n…" (each option line ends in "\\n") + post_prompt; no answer prefix.',
    kwargs: { default: { post_prompt: 'Only give the best option.\n' } },
  },
  tvbench: {
    task: 'tvbench_<sub_task> (10 tasks)',
    yaml: 'lmms_eval/tasks/tvbench/_default_template_yaml',
    docToText: 'lmms_eval/tasks/tvbench/utils.py tvbench_doc_to_text',
    rule: 'lines: question (stripped, when not empty), "A. c1", "B. c2", …, post_prompt (stripped, when not empty), joined by "\\n" and stripped; pre_prompt in front when not empty.',
    kwargs: { default: { pre_prompt: '', post_prompt: 'Answer with the option letter only.' } },
  },
  tempcompass: {
    task: 'tempcompass_multi_choice, tempcompass_yes_no, tempcompass_caption_matching, tempcompass_captioning',
    yaml: 'lmms_eval/tasks/tempcompass/_default_template_yaml',
    docToText: 'lmms_eval/tasks/tempcompass/utils.py tempcompass_doc_to_text_<task>',
    rule: 'pre_prompt + question + post_prompt[task] (the question already holds its options, as published).',
    kwargs: {
      default: { pre_prompt: '', post_prompt: { 'multi-choice': '\nPlease directly give the best option:', yes_no: '\nPlease answer yes or no:', caption_matching: '\nPlease directly give the best option:', captioning: '' } },
      plm: { pre_prompt: '', post_prompt: { 'multi-choice': '\nOnly give the best option.', yes_no: '\nOnly answer yes or no.', caption_matching: '\nOnly give the best option.', captioning: '' } },
    },
  },
  nextqa: {
    task: 'nextqa_mc_test',
    yaml: 'lmms_eval/tasks/nextqa/nextqa_mc_test.yaml',
    docToText: 'lmms_eval/tasks/nextqa/utils.py nextqa_doc_to_text_mc',
    rule: 'question (stripped) + "\\nA. a0" … "\\nE. a4" (each stripped); pre_prompt/post_prompt only when the entry has them, and this yaml has none, so no instruction and no "?" are added.',
    notes: 'lmms-eval has only the test split (lmms-lab/NExTQA MC); reelm applies the same rule to val.',
  },
  egoschema: {
    task: 'egoschema_subset',
    yaml: 'lmms_eval/tasks/egoschema/egoschema_subset.yaml',
    docToText: 'lmms_eval/tasks/egoschema/utils.py egoschema_doc_to_text',
    rule: 'pre_prompt + question + "\\n" + each entry of the row\'s option list + post_prompt, where post_prompt is always "\\nAnswer with the option\'s letter from the given choices directly." once the row has options.',
    kwargs: {
      default: { pre_prompt: '', post_prompt: answerDirectly },
      aria: { pre_prompt: 'Please answer the question about the video:\n', post_prompt: answerDirectly },
    },
    notes: 'lmms-lab/egoschema rows carry the options as one list (`option`) of "A. …" strings (egoschema_doc_to_choice splits the letter off at the first "."); reelm keeps the option text without its letter and writes it back as "A. <option>" …, so the GitHub and the Hugging Face layouts give the same prompt.',
  },
  longvideobench: {
    task: 'longvideobench_val_v',
    yaml: 'lmms_eval/tasks/longvideobench/longvideobench_val_v.yaml',
    docToText: 'lmms_eval/tasks/longvideobench/utils.py longvideobench_doc_to_text',
    rule: 'pre_prompt + question + "\\n" + "A. o0\\nB. o1…" (options that are not "N/A") + "\\n" + post_prompt.',
    kwargs: { default: { pre_prompt: '', post_prompt: "Answer with the option's letter from the given choices directly.\n" } },
  },
  mlvu: {
    task: 'mlvu_dev',
    yaml: 'lmms_eval/tasks/mlvu/mlvu_dev.yaml',
    docToText: 'lmms_eval/tasks/mlvu/utils.py mlvu_doc_to_text',
    rule: 'pre_prompt + question + post_prompt, the question field of sy1998/MLVU_dev as it is.',
    kwargs: {
      default: { pre_prompt: '', post_prompt: '\nOnly give the best option.\nBest option: (' },
      plm: { pre_prompt: '', post_prompt: '\nOnly give the best option.' },
    },
    notes: 'sy1998/MLVU_dev\'s question field must carry the options (lmms-eval adds none and scores a letter); reelm fills it as question + "\\n(A) c1\\n(B) c2…" from the GitHub record — the options layout is not verified against the parquet here.',
  },
  lvbench: {
    task: 'lvbench',
    yaml: 'lmms_eval/tasks/lvbench/lvbench.yaml',
    docToText: 'lmms_eval/tasks/lvbench/utils.py lvbench_doc_to_text',
    rule: 'pre_prompt + question (+ "\\n(A) …" lines only for rows with an options list; LVBench embeds them in the question) + post_prompt. The yaml\'s post_prompt has no final period; the function\'s fallback has one.',
    kwargs: { default: { pre_prompt: '', post_prompt: '\nAnswer the question with the option letter' } },
  },
  'charades-sta': {
    task: 'temporal_grounding_charades',
    yaml: 'lmms_eval/tasks/charades_sta/charades.yaml',
    docToText: 'lmms_eval/tasks/charades_sta/utils.py temporal_grounding_doc_to_text',
    rule: 'pre_prompt + caption + ". " + post_prompt.',
    kwargs: {
      default: {
        pre_prompt: "Please find the visual event described by a sentence in the video, determining its starting and ending times. The format should be: 'The event happens in the start time - end time'. For example, The event 'person turn a light on' happens in the 24.3 - 30.4 seonds. Now I will give you the textual sentence: ",
        post_prompt: 'Please return its start time and end time.',
      },
    },
  },
  qvhighlights: {
    task: 'timelens_qvhighlights',
    yaml: 'lmms_eval/tasks/timelens/_default_yaml_template (included by timelens_qvhighlights.yaml)',
    docToText: 'lmms_eval/tasks/timelens/utils.py timelens_doc_to_text',
    rule: 'pre_prompt + query + post_prompt.',
    kwargs: { default: { pre_prompt: "Please find the visual event described by the sentence '", post_prompt: "', determining its starting and ending times. The format should be: 'The event happens in <start time> - <end time> seconds'." } },
    notes: 'lmms-eval has no QVHighlights moment-retrieval task; timelens_qvhighlights asks for one span per query (kcz358/timelens data). reelm sends that prompt and scores the one span with the official moment-retrieval script; saliency is not asked for.',
  },
  ovobench: {
    task: 'ovo_backward, ovo_realtime, ovo_forward',
    yaml: 'lmms_eval/tasks/ovobench/ovo_backward.yaml (kwargs hold only data_dir)',
    docToText: 'lmms_eval/tasks/ovobench/utils.py build_prompt with lmms_eval/tasks/ovobench/constant.py',
    rule: 'OVO-Bench\'s own templates (constant.py copied from JoeLeelyf/OVO-Bench): the same text as reelm\'s prompt; forward probes are asked one per round.',
    kwargs: { default: {} },
  },
  'perception-test': {
    task: 'perceptiontest_val_mc',
    yaml: 'lmms_eval/tasks/perceptiontest/val/_default_template_yaml',
    docToText: 'lmms_eval/tasks/perceptiontest/val/utils.py perceptiontest_val_doc_to_text',
    rule: 'pre_prompt + question + "\\nA. o0\\nB. o1\\nC. o2" + post_prompt, where post_prompt is always "\\nAnswer with the option\'s letter from the given choices directly." once the row has options.',
    kwargs: { default: { pre_prompt: '', post_prompt: '' } },
  },
  nextgqa: {
    task: '(none)',
    yaml: '(none)',
    docToText: '(none)',
    rule: 'lmms-eval has no NExT-GQA task; the benchmark\'s own prompt is sent.',
    notes: 'No lmms-eval task at this commit (BENCHMARKS.md §8).',
  },
} as const satisfies Record<string, LmmsEvalTaskPrompts>);

export type LmmsEvalTaskKey = keyof typeof lmmsEvalTasks;

/** The entry lmms-eval passes to doc_to_text for a model class: the class's own entry, else `default`, else none. */
export function selectLmmsEvalKwargs(task: LmmsEvalTaskPrompts, modelClass: string): { kwargs: LmmsEvalKwargs | undefined; entry: string | null } {
  if (!task.kwargs) return { kwargs: undefined, entry: null };
  if (Object.hasOwn(task.kwargs, modelClass)) return { kwargs: task.kwargs[modelClass], entry: modelClass };
  if (Object.hasOwn(task.kwargs, 'default')) return { kwargs: task.kwargs.default, entry: 'default' };
  return { kwargs: {}, entry: null };
}
