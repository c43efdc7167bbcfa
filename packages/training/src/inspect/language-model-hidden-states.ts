import * as tf from '@tensorflow/tfjs';
import { charactersOutside, type Vocabulary } from '@rnn/datasets';
import { recordHiddenStates, SequenceModel, type HiddenStateRecord } from '@rnn/models';

/** What a character language model did over a text: its layers, and the character of every step. */
export interface TextHiddenStates extends HiddenStateRecord {
  /** The characters read, one per step (code points, as the vocabulary splits a text). */
  readonly labels: readonly string[];
}

/**
 * What happens inside a character language model (`charlm-quick`, `charlm`) while it reads a text
 * a person typed: every layer's hidden state after each character, and the cell state and gates of
 * LSTM and GRU layers, from `recordHiddenStates` of `@rnn/models`, with the characters as the labels
 * of the steps. It is the character models' counterpart of `recordRecipeHiddenStates`, whose
 * inputs are a task's: here the input is any text written in the model's vocabulary. The model
 * starts from zero states, as it does when it writes from a prime. No tensor outlives the call,
 * and it needs nothing but tfjs, so a page's worker can call it.
 *
 * @throws RangeError when the text is empty, holds characters the model never saw (naming them),
 *   or the vocabulary is not the one the model reads.
 * @example
 * const { layers, labels } = recordLanguageModelHiddenStates(model, vocabulary, 'ROMEO:');
 * labels; // ['R', 'O', 'M', 'E', 'O', ':']
 * layers[0].gates?.map((g) => g.name); // ['input', 'forget', 'cell', 'output'] for an LSTM
 */
export function recordLanguageModelHiddenStates(
  model: SequenceModel,
  vocabulary: Vocabulary,
  text: string,
): TextHiddenStates {
  if (!(model instanceof SequenceModel) || model.spec.input.type === 'dense') {
    throw new RangeError('model must be a character language model: a SequenceModel that reads token ids');
  }
  const { vocabSize } = model.spec.input;
  if (vocabulary.size !== vocabSize) {
    throw new RangeError(`the model reads ${vocabSize} symbols but the vocabulary has ${vocabulary.size}`);
  }
  if (typeof text !== 'string' || text === '') {
    throw new RangeError('the text must have at least one character to read');
  }
  const unknown = charactersOutside(vocabulary, text);
  if (unknown.length > 0) {
    throw new RangeError(
      `the text has characters the model never saw: ${unknown.map((c) => JSON.stringify(c)).join(', ')}`,
    );
  }
  const ids = vocabulary.encode(text);
  const x = tf.tensor2d(ids, [1, ids.length], 'int32');
  try {
    return { ...recordHiddenStates(model, x), labels: Array.from(text) };
  } finally {
    x.dispose();
  }
}
