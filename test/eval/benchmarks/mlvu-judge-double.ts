/**
 * A judge double for MLVU's generation tasks, at the model boundary: it reads the official user prompt it
 * receives and scores as a literal reader would, ending with the JSON dict the rubric asks for.
 * Sub-scene: each scoring point scores 5 when every one of its content words is in the answer, 3 when
 * some are, 1 when none are; accuracy is their mean; relevance is 5 when the answer shares a content word
 * with the question, else 1. Summary: completeness 1–5 by the share of the standard answer's content
 * words the answer repeats; reliability 5 unless the answer is empty (1).
 */

const stopWords = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'in', 'on', 'is', 'his', 'her', 'with', 'when', 'how', 'please', 'describe', 'scene', 'this', 'video']);

export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]+/g) ?? []).filter((word) => word.length > 2 && !stopWords.has(word));
}

/** The scoring points as the prompt prints them (a Python list of strings). */
function parsePointList(printed: string): string[] {
  return [...printed.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1] ?? m[2] ?? '');
}

export function mlvuJudgeReply(prompt: string): string {
  const answer = /Respondent's Answer: ([\s\S]*)\n\s*$/.exec(prompt)?.[1] ?? '';
  const said = new Set(contentWords(answer));
  const subScene = /Question: (.*)\n\s*Scoring Points: (.*)\n/.exec(prompt);
  if (subScene) {
    const points = parsePointList(subScene[2]!);
    const pointScores = points.map((point) => {
      const words = contentWords(point);
      const hits = words.filter((w) => said.has(w)).length;
      return hits === words.length && words.length > 0 ? 5 : hits > 0 ? 3 : 1;
    });
    const accuracy = pointScores.length ? pointScores.reduce((a, b) => a + b, 0) / pointScores.length : 1;
    const relevance = contentWords(subScene[1]!).some((w) => said.has(w)) ? 5 : 1;
    return `Accuracy: the answer covers ${pointScores.filter((s) => s === 5).length} of ${points.length} points.\n{'score_accuracy': ${accuracy}, 'score_relevance': ${relevance}, 'total_score': ${accuracy + relevance}}`;
  }
  const standard = /Standard Answer: ([\s\S]*?)\n\s*Respondent's Answer:/.exec(prompt)?.[1] ?? '';
  const reference = [...new Set(contentWords(standard))];
  const share = reference.length ? reference.filter((w) => said.has(w)).length / reference.length : 0;
  const completeness = Math.min(5, 1 + Math.floor(share * 5));
  const reliability = answer.trim() ? 5 : 1;
  return `The summary repeats ${Math.round(share * 100)}% of the key words.\n{'score_completeness': ${completeness}, 'score_reliability': ${reliability}, 'total_score': ${completeness + reliability}}`;
}
