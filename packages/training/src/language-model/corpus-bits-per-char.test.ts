import * as tf from '@tensorflow/tfjs';
import { LanguageModel } from '@rnn/models';
import { bitsPerChar } from '@rnn/sampling';
import { corpusBitsPerChar } from './corpus-bits-per-char';
import { encodedPattern, tinyLanguageModel } from './language-model.testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('corpusBitsPerChar', () => {
  const text = 'the cat sat on the mat. the dog sat on the log.';
  const { vocabulary, ids } = encodedPattern(text);

  it('equals scoring one character at a time through the step model (one stream)', async () => {
    const model = tinyLanguageModel(vocabulary.size, 3, 2);
    const wide = corpusBitsPerChar(model, ids, { batchSize: 1, length: 7 });
    const stepped = await bitsPerChar(new LanguageModel(model, vocabulary), text, { from: 1 });
    expect(wide.characters).toBe(ids.length - 1);
    expect(wide.bitsPerChar).toBeCloseTo(stepped, 4);
    model.dispose();
  });

  it('carries the state across passes: the pass length does not change the score', () => {
    const model = tinyLanguageModel(vocabulary.size, 4);
    const a = corpusBitsPerChar(model, ids, { batchSize: 3, length: 4 });
    const b = corpusBitsPerChar(model, ids, { batchSize: 3, length: 100 });
    expect(a.bitsPerChar).toBeCloseTo(b.bitsPerChar, 5);
    expect(a.characters).toBe(3 * Math.floor((ids.length - 1) / 3));
    model.dispose();
  });

  it('frees every tensor it makes and says what is wrong with bad input', () => {
    const model = tinyLanguageModel(vocabulary.size, 5);
    const before = tf.memory().numTensors;
    corpusBitsPerChar(model, ids, { batchSize: 4, length: 5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(() => corpusBitsPerChar(model, ids.subarray(0, 1))).toThrow(/at least 2 characters/);
    expect(() => corpusBitsPerChar(model, ids, { length: 0 })).toThrow(
      'corpusBitsPerChar: length must be an integer >= 1, got 0',
    );
    model.dispose();
  });
});
