import { createRng, Vocabulary } from '@rnn/datasets';
import { SequenceModel } from '@rnn/models';

/** A small patterned text: a model that learns it gets far below the unigram entropy. */
export const patternText = 'the cat sat on the mat. the dog sat on the log. '.repeat(40);

/** The text's vocabulary and ids. */
export function encodedPattern(text = patternText): { vocabulary: Vocabulary; ids: Int32Array } {
  const vocabulary = Vocabulary.fromText(text, { reserved: '<pad>' });
  return { vocabulary, ids: vocabulary.encode(text) };
}

/** A tiny character LSTM over `vocabSize` ids. */
export function tinyLanguageModel(vocabSize: number, seed = 1, layers = 1): SequenceModel {
  return new SequenceModel(
    {
      architecture: 'lm',
      input: { type: 'embedding', vocabSize, dim: 8 },
      rnn: { kind: 'lstm', units: 16, layers, dropout: layers > 1 ? 0.1 : 0 },
      outputSize: vocabSize,
    },
    createRng(seed).fork('init'),
  );
}
