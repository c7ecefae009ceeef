/**
 * What a question names, read without a model: its content words (for text search over the store's
 * signals) and the detector labels it mentions (COCO names, their plurals, and a few everyday words
 * such as "people" or "phone"). Both memory-mode retrieval and the no-model answers read questions
 * through here, so "people" means the `person` label everywhere.
 */

import { cocoLabels } from '../../perception/objects/coco-labels.js';

/**
 * Words that carry no content for search: question words, articles, auxiliaries and pronouns. Without
 * this, "what is on the sign?" would match every stored line containing "the".
 */
const stopWords: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'by', 'about', 'into', 'onto', 'over',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'do', 'does', 'did', 'done', 'has', 'have', 'had', 'can', 'could', 'will', 'would',
  'should', 'may', 'might', 'must', 'what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how', 'many', 'much', 'any',
  'some', 'there', 'here', 'this', 'that', 'these', 'those', 'it', 'its', 'they', 'them', 'their', 'he', 'she', 'his', 'her', 'we',
  'you', 'your', 'i', 'me', 'my', 'our', 'video', 'clip', 'scene', 'shown', 'show', 'shows', 'appear', 'appears', 'appeared', 'see',
  'seen', 'visible', 'happen', 'happens', 'time', 'times', 'moment', 'first', 'ever', 'all', 'not', 'no', 'yes', 'if', 'whether',
]);

/**
 * Everyday words for COCO labels, beside the labels' own names and plurals. Frozen so a lookup can
 * never be changed at run time.
 */
export const labelAliases: Readonly<Record<string, string>> = Object.freeze({
  people: 'person', persons: 'person', man: 'person', men: 'person', woman: 'person', women: 'person', human: 'person',
  humans: 'person', child: 'person', children: 'person', kid: 'person', kids: 'person', player: 'person', players: 'person',
  phone: 'cell phone', phones: 'cell phone', mobile: 'cell phone', television: 'tv', tvs: 'tv', motorbike: 'motorcycle',
  motorbikes: 'motorcycle', bike: 'bicycle', bikes: 'bicycle', ball: 'sports ball', balls: 'sports ball', table: 'dining table',
  tables: 'dining table', sofa: 'couch', sofas: 'couch', plant: 'potted plant', plants: 'potted plant', puppy: 'dog', kitten: 'cat',
  lorry: 'truck', aeroplane: 'airplane', plane: 'airplane', planes: 'airplane', fridge: 'refrigerator',
});

/** The lower-case words of a text (letters and digits), in order. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The words worth searching for, in order and without repeats.
 * @example contentWords('What is written on the EXIT sign?') // ['written', 'exit', 'sign']
 */
export function contentWords(question: string): string[] {
  return [...new Set(wordsOf(question).filter((word) => !stopWords.has(word)))];
}

/** The regular plurals questions use ("dogs", "buses"); irregular ones are aliases. */
function pluralsOf(label: string): string[] {
  const forms = [`${label}s`];
  if (/(s|x|ch|sh)$/.test(label)) forms.push(`${label}es`);
  return forms;
}

/** Every phrase that names a label → the label, longest phrases first (so "traffic light" wins over "light"). */
const labelPhrases: ReadonlyArray<readonly [phrase: string, label: string]> = Object.freeze(
  [
    ...cocoLabels.flatMap((label) => [label, ...pluralsOf(label)].map((phrase) => [phrase, label] as const)),
    ...Object.entries(labelAliases),
  ].sort((a, b) => b[0].length - a[0].length),
);

/**
 * The COCO labels a question names, in the order they first appear.
 * @example labelsNamed('How many people and dogs are there?') // ['person', 'dog']
 */
export function labelsNamed(question: string): string[] {
  let text = ` ${wordsOf(question).join(' ')} `;
  const found: Array<{ label: string; at: number }> = [];
  for (const [phrase, label] of labelPhrases) {
    const needle = ` ${phrase} `;
    const at = text.indexOf(needle);
    if (at < 0) continue;
    found.push({ label, at });
    // Blank the phrase out so its words are not read again as a shorter label.
    text = text.slice(0, at + 1) + ' '.repeat(phrase.length) + text.slice(at + 1 + phrase.length);
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((entry) => entry.label))];
}

/** The first label a phrase names, or undefined (a phrase such as "red car" names `car`). */
export function labelOfPhrase(phrase: string): string | undefined {
  return labelsNamed(phrase)[0];
}
