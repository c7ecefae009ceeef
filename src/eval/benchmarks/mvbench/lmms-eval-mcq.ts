/**
 * lmms-eval's MVBench answer matching (EvolvingLMMs-Lab/lmms-eval @ 75571cf,
 * `lmms_eval/tasks/mvbench/utils.py::mcq_acc`), applied to prediction and ground-truth letter alike:
 * "X. text" at the start gives X; otherwise newlines and tabs become spaces, the VQA-style punctuation
 * pass runs (each mark deleted when it touches a space — or anywhere once the text has a "1,000"-style
 * comma — else replaced by a space; then up to 32 lone periods deleted: `re.UNICODE` lands in `sub`'s
 * `count`), quotes and brackets are stripped from the ends, and the first stand-alone letter a–e
 * (any case) wins; with none, the processed text itself is compared. Correct when both sides agree.
 */

const punctuation = [';', '/', '[', ']', '"', '{', '}', '(', ')', '=', '+', '\\', '_', '-', '>', '<', '@', '`', ',', '?', '!'] as const;
const thousandsComma = /(\d)(,)(\d)/;
// "(?!<=\d)(\.)(?!\d)": the look-behind is mistyped as a look-ahead for the text "<=" and a digit.
const periodStrip = /(?!<=\d)(\.)(?!\d)/g;
const wordChar = '[\\p{L}\\p{N}_]';
const letterAlone = new RegExp(`(?<!${wordChar})([A-E])(?!${wordChar})`, 'iu');
const optionAtStart = /^([A-E])\.\s*(.+)$/i;

function stripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start]!)) start += 1;
  while (end > start && chars.includes(text[end - 1]!)) end -= 1;
  return text.slice(start, end);
}

function processPunctuation(inText: string): string {
  let outText = inText;
  for (const mark of punctuation) {
    const remove = inText.includes(`${mark} `) || inText.includes(` ${mark}`) || thousandsComma.test(inText);
    outText = outText.split(mark).join(remove ? '' : ' ');
  }
  let replaced = 0;
  return outText.replace(periodStrip, (match) => (replaced++ < 32 ? '' : match));
}

/** `process(answer)` inside `mcq_acc`: an upper-case letter, or the processed text when no letter stands alone. */
export function lmmsEvalMcqProcess(answer: string): string {
  // As in Python, `.` stops at a newline, so "A. x\ny" is not an option at the start.
  const match = optionAtStart.exec(answer.trim());
  if (match) return match[1]!.toUpperCase();
  let text = answer.replace(/\n/g, ' ').replace(/\t/g, ' ').trim();
  text = processPunctuation(text);
  text = stripChars(stripChars(stripChars(stripChars(text, "'"), '"'), ')'), '(').trim().toLowerCase();
  const letter = letterAlone.exec(text);
  return letter ? letter[1]!.toUpperCase() : text;
}

export function lmmsEvalMcqCorrect(groundTruthLetter: string, prediction: string): boolean {
  return lmmsEvalMcqProcess(prediction) === lmmsEvalMcqProcess(groundTruthLetter);
}
