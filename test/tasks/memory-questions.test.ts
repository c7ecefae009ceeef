/**
 * The closed set of no-model questions (src/tasks/memory/closed-questions.ts) and the question reading
 * under it: every example in the table is matched, by its own entry, with a resolved subject; questions
 * outside the set (or naming no detector label) match nothing; labels and content words are read as
 * documented.
 */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closedQuestions, matchClosedQuestion } from '../../src/tasks/memory/closed-questions.js';
import { contentWords, labelsNamed } from '../../src/tasks/memory/question-words.js';

test('every example in the table is matched by its own entry, with a subject', () => {
  assert.ok(Object.isFrozen(closedQuestions));
  for (const entry of closedQuestions) {
    assert.ok(entry.examples.length >= 2, `${entry.id} has examples`);
    for (const example of entry.examples) {
      const match = matchClosedQuestion(example);
      assert.equal(match?.entry.id, entry.id, example);
      assert.equal(match.subject.kind, entry.subject, example);
    }
  }
});

test('subjects: labels through plurals and everyday words, quoted and bare texts', () => {
  assert.deepEqual(matchClosedQuestion('How many people are there?')?.subject, { kind: 'label', label: 'person' });
  assert.deepEqual(matchClosedQuestion('how many persons can be seen')?.subject, { kind: 'label', label: 'person' });
  assert.deepEqual(matchClosedQuestion('How many cars are in the video?')?.subject, { kind: 'label', label: 'car' });
  assert.deepEqual(matchClosedQuestion('When is a traffic light visible?')?.subject, { kind: 'label', label: 'traffic light' });
  assert.deepEqual(matchClosedQuestion('Is there a phone on the table?')?.subject, { kind: 'label', label: 'cell phone' });
  assert.deepEqual(matchClosedQuestion('Are there any buses?')?.subject, { kind: 'label', label: 'bus' });
  assert.deepEqual(matchClosedQuestion('When does the word "exit" appear?')?.subject, { kind: 'text', text: 'exit' });
  assert.deepEqual(matchClosedQuestion('When does the text engine appear on screen?')?.subject, { kind: 'text', text: 'engine' });
  assert.equal(matchClosedQuestion('How many times does a dog appear?')?.entry.id, 'count-times');
  assert.equal(matchClosedQuestion('What text appears?')?.entry.id, 'text-what');
});

test('questions outside the set, or naming nothing the detector knows, match nothing', () => {
  for (const question of [
    'Why are they arguing?',
    'What colour is the car?',
    'Summarize the video.',
    'How many goals were scored?',
    'When does the forklift enter the dock?',
    'Is the weather sunny?',
    'Who wins the match?',
    '',
  ]) {
    assert.equal(matchClosedQuestion(question), undefined, question);
  }
});

test('labels named: longest phrase first, in order of appearance, no repeats', () => {
  assert.deepEqual(labelsNamed('How many people and dogs are there?'), ['person', 'dog']);
  assert.deepEqual(labelsNamed('the stop sign near the car, then a man and a woman'), ['stop sign', 'car', 'person']);
  assert.deepEqual(labelsNamed('a hot dog stand'), ['hot dog']);
  assert.deepEqual(labelsNamed('nothing here'), []);
});

test('content words drop question words, articles and auxiliaries', () => {
  assert.deepEqual(contentWords('What is written on the EXIT sign?'), ['written', 'exit', 'sign']);
  assert.deepEqual(contentWords('When does the engine start? The engine!'), ['engine', 'start']);
  assert.deepEqual(contentWords('what is it?'), []);
});
