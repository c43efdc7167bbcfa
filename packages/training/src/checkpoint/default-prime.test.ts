import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Vocabulary } from '@rnn/datasets';
import { defaultPrime } from './default-prime';
import type { LanguageModelRun } from './load-language-model-run';

/** Only what defaultPrime reads: no model is needed to choose a prime. */
function runOf(fields: { recipe: string; vocabulary: Vocabulary; corpus?: string }): LanguageModelRun {
  return {
    ...fields,
    dir: 'runs/x',
    manifest: { run: { recipe: fields.recipe, seed: '42', overrides: {} } },
  } as unknown as LanguageModelRun;
}

describe('defaultPrime', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-default-prime-'));

  it('is a newline when the model knows one', () => {
    expect(defaultPrime(runOf({ recipe: 'charlm', vocabulary: Vocabulary.fromText('ab\ncd') }))).toBe('\n');
  });

  it("is otherwise the corpus's first character", () => {
    const corpus = path.join(dir, 'line.txt');
    writeFileSync(corpus, 'where no line ends');
    const vocabulary = Vocabulary.fromText('where no line ends');
    expect(defaultPrime(runOf({ recipe: 'charlm-quick', vocabulary, corpus }))).toBe('w');
  });

  it("is the first sentence's first character for the sentences recipe", () => {
    const vocabulary = Vocabulary.fromText('hey how are yougood i am finehave a nice day');
    expect(defaultPrime(runOf({ recipe: 'sentences', vocabulary }))).toBe('h');
  });

  it('falls back to the first symbol when the corpus cannot be read any more', () => {
    const vocabulary = Vocabulary.fromText('zyx');
    expect(defaultPrime(runOf({ recipe: 'charlm', vocabulary, corpus: path.join(dir, 'moved.txt') }))).toBe('x');
  });
});
