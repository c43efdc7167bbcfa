import type { Vocabulary } from '@rnn/datasets';
import { LanguageModel, SequenceModel, type RecurrentModel } from '@rnn/models';
import { createSampler, generate } from '@rnn/sampling';

/** One sentence completed from its first word. */
export interface Completion {
  readonly prime: string;
  readonly expected: string;
  /** The prime and what greedy generation wrote after it, trailing padding removed. */
  readonly generated: string;
}

/** What {@link greedyCompletions} measured. */
export interface CompletionResult {
  /** Fraction of the sentences reproduced whole. */
  readonly fraction: number;
  readonly completions: readonly Completion[];
}

/**
 * The sentence-completion notebook's test: prime a character model with each sentence's first word
 * and let it write, always taking the most likely character, one model step per character, until
 * the sentence's padded length. A sentence counts when what was written, trailing spaces removed,
 * is the sentence.
 */
export async function greedyCompletions(
  model: RecurrentModel,
  vocabulary: Vocabulary,
  sentences: readonly string[],
): Promise<CompletionResult> {
  if (!(model instanceof SequenceModel)) throw new RangeError('greedyCompletions needs a character model (lm)');
  const lm = new LanguageModel(model, vocabulary);
  const width = Math.max(...sentences.map((s) => [...s].length));
  const completions: Completion[] = [];
  for (const sentence of sentences) {
    const prime = sentence.split(' ')[0];
    const { text } = await generate(lm, {
      prime,
      length: width - [...prime].length,
      sampler: createSampler({ temperature: 0 }),
    });
    completions.push({ prime, expected: sentence, generated: text.trimEnd() });
  }
  const right = completions.filter((c) => c.generated === c.expected).length;
  return { fraction: right / sentences.length, completions };
}
