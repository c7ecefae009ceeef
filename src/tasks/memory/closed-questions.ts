/**
 * The closed set of questions `ask` answers with no model at all, from an indexed video's stored
 * signals (answer-from-signals.ts does the answering). One frozen table; the first entry whose pattern
 * matches and whose subject resolves wins:
 *
 * | id            | asks                                   | answered from                        | e.g.                                  |
 * |---------------|----------------------------------------|--------------------------------------|---------------------------------------|
 * | `text-when`   | when a given text is on screen or said | text search (OCR, subtitles, speech) | When does the word "exit" appear?     |
 * | `text-what`   | what text appears, and when            | OCR (`text`) signals                 | What text appears?                    |
 * | `count`       | how many of a detector label           | `people` counts; `object` runs       | How many people are there?            |
 * | `count-times` | how many times a label appears         | separate `object` runs               | How many times does a dog appear?     |
 * | `when`        | when a label is visible                | `object` signals                     | When is a car visible?                |
 * | `whether`     | whether a label appears at all         | `object` signals                     | Is there a dog?                       |
 *
 * Labels are the 80 COCO names the detector knows, their plurals, and everyday words for them
 * ("people", "man", "phone"; question-words.ts). A question outside this set — or naming no label the
 * detector knows — is not guessed at: the caller says it needs a model and shows search results.
 */

import { labelOfPhrase } from './question-words.js';

export type ClosedQuestionId = 'text-when' | 'text-what' | 'count' | 'count-times' | 'when' | 'whether';

/** What the question is about: a detector label, a text to find, or the video's on-screen text as a whole. */
export type ClosedSubject = { kind: 'label'; label: string } | { kind: 'text'; text: string } | { kind: 'all-text' };

export interface ClosedQuestionEntry {
  readonly id: ClosedQuestionId;
  readonly description: string;
  /** Tried in order; the `subject` group (when present) is what the question is about. */
  readonly patterns: readonly RegExp[];
  /** Questions this entry answers; the tests check each one is matched here, and by this entry. */
  readonly examples: readonly string[];
  readonly subject: 'label' | 'text' | 'all-text';
}

const quote = `["“”'‘’]`;

export const closedQuestions: readonly ClosedQuestionEntry[] = Object.freeze([
  {
    id: 'text-when',
    description: 'when a given text is on screen (or said)',
    subject: 'text',
    patterns: [
      new RegExp(`^\\s*(?:when|at what (?:time|point))\\b.*?${quote}(?<subject>[^"“”'‘’]+)${quote}`, 'iu'),
      /^\s*(?:when|at what (?:time|point))\s+(?:does|do|is|are|did|was|were)\s+(?:the\s+)?(?:text|word|words|phrase|title|caption)\s+(?<subject>[\p{L}\p{N} ]+?)\s+(?:appear|show up|shown|displayed|written|visible|on screen)\b/iu,
    ],
    examples: ['When does the word "exit" appear?', "At what time is 'SUNRISE' shown?", 'When does the text engine appear on screen?'],
  },
  {
    id: 'text-what',
    description: 'what text appears on screen, and when',
    subject: 'all-text',
    patterns: [
      /^\s*(?:what|which)\s+(?:text|texts|words?|writing|captions?|titles?|signs?)\b/iu,
      /^\s*what\s+(?:is|was)\s+written\b/iu,
      /^\s*what\s+does\s+(?:the|a|any)\s+(?:sign|screen|text|caption|title|banner|slide)\s+say\b/iu,
      /^\s*(?:read|list)\s+(?:the|all|any)?\s*(?:on-?screen\s+)?text\b/iu,
    ],
    examples: ['What text appears?', 'Which words are shown on screen?', 'What is written in the video?', 'What does the sign say?', 'Read the on-screen text.'],
  },
  {
    id: 'count-times',
    description: 'how many separate times a detector label appears',
    subject: 'label',
    patterns: [/^\s*how\s+(?:many\s+times|often)\b(?<subject>.*)$/iu],
    examples: ['How many times does a dog appear?', 'How often is a car visible?'],
  },
  {
    id: 'count',
    description: 'how many of a detector label are visible (at most at once)',
    subject: 'label',
    patterns: [/^\s*how\s+many\b(?<subject>.*)$/iu, /^\s*(?:count|what is the number of|what's the number of)\b(?<subject>.*)$/iu],
    examples: ['How many people are there?', 'How many persons can be seen?', 'How many cars are in the video?', 'Count the people.'],
  },
  {
    id: 'when',
    description: 'when a detector label is visible',
    subject: 'label',
    patterns: [/^\s*(?:when|at what (?:time|point)|in which part)\b(?<subject>.*)$/iu],
    examples: ['When is a car visible?', 'When do people appear?', 'At what time does the dog show up?'],
  },
  {
    id: 'whether',
    description: 'whether a detector label appears at all',
    subject: 'label',
    patterns: [/^\s*(?:is|are|was|were|does|do|did|can you see|has|have)\b(?<subject>.*)$/iu],
    examples: ['Is there a dog?', 'Are there any people?', 'Does a person appear?', 'Is a bicycle visible in the video?'],
  },
] satisfies ClosedQuestionEntry[]);

export interface ClosedQuestionMatch {
  entry: ClosedQuestionEntry;
  subject: ClosedSubject;
}

/**
 * The closed-set entry a question falls in, with its subject; undefined when it falls in none.
 * @example matchClosedQuestion('How many people are there?') // { entry: { id: 'count', … }, subject: { kind: 'label', label: 'person' } }
 */
export function matchClosedQuestion(question: string): ClosedQuestionMatch | undefined {
  const text = question.trim();
  for (const entry of closedQuestions) {
    for (const pattern of entry.patterns) {
      const match = pattern.exec(text);
      if (!match) continue;
      const subjectText = (match.groups?.subject ?? '').trim();
      if (entry.subject === 'all-text') return { entry, subject: { kind: 'all-text' } };
      if (entry.subject === 'text') {
        if (subjectText !== '') return { entry, subject: { kind: 'text', text: subjectText } };
        continue;
      }
      const label = labelOfPhrase(subjectText);
      if (label) return { entry, subject: { kind: 'label', label } };
    }
  }
  return undefined;
}
