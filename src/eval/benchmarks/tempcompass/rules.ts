/**
 * TempCompass's rule-based answer matching, as its evaluation scripts apply it (llyx97/TempCompass):
 * `eval_multi-choice.py` (the answer string, a bare letter, or "X." / "X)" at the start),
 * `eval_yes_no.py` (`extract_pred`: starts with yes/no, case-insensitive), `eval_caption_matching.py`
 * (`eval_rule`: a whole option line, an option sentence, or an option index such as "Caption A" / "2",
 * the last match winning), and how a judge's text becomes a rating (`llm_output_to_rating`; captioning:
 * `parse_llm_output` in `eval_captioning.py`). A rule returns `undefined` when it cannot decide: that item
 * needs a judge.
 */

/** Python's `str.count` for a non-overlapping pattern. */
function countOf(text: string, pattern: string): number {
  return text.split(pattern).length - 1;
}

/** The prediction as every script cleans it: `</s>` removed, whitespace stripped. */
export function cleanPrediction(prediction: string): string {
  return prediction.replaceAll('</s>', '').trim();
}

export function matchMultiChoice(prediction: string, answer: string): number | undefined {
  const letter = answer[0];
  if (prediction === answer) return 1;
  if (['A', 'B', 'C', 'D'].includes(prediction)) return prediction === letter ? 1 : 0;
  if (['A.', 'B.', 'C.', 'D.'].some((prefix) => prediction.startsWith(prefix))) return prediction.split('.')[0] === letter ? 1 : 0;
  if (['A)', 'B)', 'C)', 'D)'].some((prefix) => prediction.startsWith(prefix))) return prediction.split(')')[0] === letter ? 1 : 0;
  return undefined;
}

export function matchYesNo(prediction: string, answer: string): number | undefined {
  const lower = prediction.toLowerCase();
  const said = lower.startsWith('yes') ? 'yes' : lower.startsWith('no') ? 'no' : undefined;
  return said === undefined ? undefined : said === answer ? 1 : 0;
}

/** `eval_rule` of `eval_caption_matching.py`. */
export function matchCaption(prediction: string, question: string, answer: string): number | undefined {
  const optionLines = question.split('\n').slice(1);
  const sentences = optionLines.map((line) => line.split(': ')[1]);
  const indices = [
    ...optionLines.map((line) => line.split(': ')[0]),
    ...optionLines.map((line) => line.split(': ')[0]!.replace('Sentence ', '').replace('Option ', '').replace('Caption ', '')),
  ];
  let chosen: string | undefined;
  for (const line of optionLines) if (line === prediction) chosen = line;
  for (const sentence of sentences) {
    if (sentence === prediction || (prediction.includes(') ') && sentence === prediction.split(') ')[1])) chosen = sentence;
  }
  for (const index of indices) if (index === prediction || index === prediction.replaceAll('.', '')) chosen = index;
  if (chosen === undefined) return undefined;
  const answerIndex = answer.split(': ')[0]!.trim().split(/\s+/)[1];
  return chosen === answer || chosen === answer.split(':')[0] || chosen === answer.split(': ')[1] || chosen === answerIndex ? 1 : 0;
}

/** `llm_output_to_rating`: the judge said Correct (1) or Incorrect (0); undefined when it said neither. */
export function ratingFromJudge(text: string): number | undefined {
  if (!text.includes('Correct') && !text.includes('Incorrect')) return undefined;
  if (text.startsWith('Correct')) return 1;
  if (text.startsWith('Incorrect')) return 0;
  return text.includes('Correct') && !text.includes('Incorrect') ? 1 : 0;
}

/** `parse_llm_output` of `eval_captioning.py`: the judge answered the multiple-choice question from the caption. */
export function ratingFromCaptionJudge(text: string, multiChoiceAnswer: string): { rating: number; answer: string | null } {
  if (text === 'invalid_request_error' || !text) return { rating: -1, answer: null };
  let answer: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.includes('Answer')) answer = line.replace('Answer:', '').trim();
  }
  answer ??= text;
  const letters = ['A.', 'B.', 'C.', 'D.'].reduce((sum, prefix) => sum + countOf(answer!, prefix), 0);
  const rating = answer.split('. ')[0] === multiChoiceAnswer.split('. ')[0] && letters === 1 ? 1 : 0;
  return { rating, answer };
}

/** `process_gemini_caption` (`utils/eval_utils.py`), applied when the model's name contains "gemini". */
export function cleanGeminiCaption(output: string): string {
  let caption = stripQuotes((output.trim().split('\n').at(-1) ?? '').replaceAll('*', '').trim());
  if (caption.includes(':')) caption = stripQuotes((caption.split(':')[1] ?? '').trim());
  return caption;
}

/** `process_reka_caption`, applied when the model's name contains "reka". */
export function cleanRekaCaption(output: string): string {
  const lastLine = output.split('\n').at(-1) ?? '';
  if (countOf(output, '"') === 2) return /"(.*?)"/.exec(output)?.[1] ?? output;
  if (countOf(lastLine, '"') === 2) return /"(.*?)"/.exec(lastLine)?.[1] ?? output;
  if (countOf(output, ': ') === 1) return output.split(': ')[1] ?? output;
  if (countOf(lastLine, ': ') === 1) return lastLine.split(': ')[1] ?? output;
  return output;
}

/** Python's `str.strip('"')`. */
function stripQuotes(text: string): string {
  return text.replace(/^"+|"+$/g, '');
}
