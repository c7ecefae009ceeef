/**
 * A judge double for TempCompass tests, at the model boundary: it reads the official judge prompt it
 * receives and decides as a careful reader would — Correct when the prediction names the ground-truth
 * option's letter or text; for captioning, it answers the multiple-choice question with the option whose
 * words the caption shares most. Used in-process and behind a loopback chat-completions server.
 */

export function readingJudgeReply(prompt: string): string {
  const caption = /\nVideo Description:(.*)\nMulti-Choice Question:\n([\s\S]*)\n$/.exec(prompt);
  if (caption) {
    const words = new Set(caption[1]!.toLowerCase().match(/[a-z]+/g) ?? []);
    const options = caption[2]!.split('\n').slice(1).filter((line) => /^[A-D]\. /.test(line));
    const best = options.map((line) => ({ line, shared: (line.slice(3).toLowerCase().match(/[a-z]+/g) ?? []).filter((w) => words.has(w)).length })).sort((a, b) => b.shared - a.shared)[0];
    return `Reasoning: the description shares the most words with this option.\nAnswer: ${best?.line ?? 'None of the choices are correct'}`;
  }
  const truth = /Ground-Truth Answer: (.*)\nModel Prediction: ([\s\S]*)$/.exec(prompt);
  if (!truth) return 'I cannot judge this.';
  const letter = truth[1]!.split(/[.:]/)[0]!.trim();
  const optionText = truth[1]!.split(/[.:] /).slice(1).join(' ').trim().toLowerCase();
  const prediction = truth[2]!.toLowerCase();
  const named = (optionText !== '' && prediction.includes(optionText)) || new RegExp(`(^|[^a-z])${letter.toLowerCase()}([^a-z]|$)`).test(prediction);
  return named ? 'Correct' : 'Incorrect';
}
