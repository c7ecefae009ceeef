/**
 * The option letter of a multiple-choice answer, by the rule lmms-eval's video benchmarks use: the
 * answer starts with the letter (`B`, `B.`, `(B)`, `B) …`), or says `answer is B` / `Answer: B`. An
 * answer that names no listed letter is reported as unparsed, never guessed.
 */

/**
 * @example parseChoiceLetter('(B) the blue one', ['A', 'B', 'C']) // 'B'
 * @example parseChoiceLetter('I am not sure', ['A', 'B']) // undefined
 */
export function parseChoiceLetter(output: string, letters: readonly string[]): string | undefined {
  const text = output.trim();
  const match = /^\(?([A-Z])\)?(?:[.):\s]|$)/.exec(text) ?? /answer\s*(?:is)?\s*[:-]?\s*\(?([A-Z])\)?\b/i.exec(text);
  const letter = match?.[1]?.toUpperCase();
  return letter !== undefined && letters.includes(letter) ? letter : undefined;
}
