import * as tf from '@tensorflow/tfjs';
import { createRng, Vocabulary } from '@rnn/datasets';
import { SequenceModel } from '@rnn/models';
import { encodedPattern, patternText, tinyLanguageModel } from '../language-model/language-model.testing';
import { recordLanguageModelHiddenStates } from './language-model-hidden-states';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const { vocabulary } = encodedPattern();

/** A two-layer GRU character model over the pattern's vocabulary. */
function twoLayerGru(): SequenceModel {
  return new SequenceModel(
    {
      architecture: 'lm',
      input: { type: 'onehot', vocabSize: vocabulary.size },
      rnn: { kind: 'gru', units: 6, layers: 2 },
      outputSize: vocabulary.size,
    },
    createRng(3).fork('init'),
  );
}

describe('recordLanguageModelHiddenStates', () => {
  it("records an LSTM's hidden state, cell state and gates at every character, with the characters as labels", () => {
    const model = tinyLanguageModel(vocabulary.size);
    const before = tf.memory().numTensors;
    const record = recordLanguageModelHiddenStates(model, vocabulary, 'the cat');
    expect(tf.memory().numTensors).toBe(before);
    expect(record.labels).toEqual(['t', 'h', 'e', ' ', 'c', 'a', 't']);
    expect(record.decoderLayers).toBeUndefined();
    const [layer] = record.layers;
    expect(record.layers).toHaveLength(1);
    expect(layer).toMatchObject({ layer: 0, kind: 'lstm', units: 16, steps: 7 });
    expect(layer.hidden).toHaveLength(7 * 16);
    expect(layer.cell).toHaveLength(7 * 16);
    expect(layer.gates?.map((g) => [g.name, g.values.length])).toEqual([
      ['input', 7 * 16],
      ['forget', 7 * 16],
      ['cell', 7 * 16],
      ['output', 7 * 16],
    ]);
    expect(Array.from(layer.hidden).every(Number.isFinite)).toBe(true);
    model.dispose();
  });

  it('reads the text as the model writes from a prime: its last hidden state is the one the model steps to', () => {
    const model = tinyLanguageModel(vocabulary.size, 5);
    const text = 'the dog sat';
    const { layers } = recordLanguageModelHiddenStates(model, vocabulary, text);
    const stepped = tf.tidy(() => {
      let states = model.initialStates(1);
      for (const id of vocabulary.encode(text)) states = model.step(tf.tensor1d([id], 'int32'), states).states;
      return states[0][0].dataSync();
    });
    const last = layers[0].hidden.subarray((text.length - 1) * 16);
    Array.from(stepped).forEach((h, u) => expect(last[u]).toBeCloseTo(h, 4));
    model.dispose();
  });

  it('records every layer of a stack, and the gates of a GRU', () => {
    const model = twoLayerGru();
    const before = tf.memory().numTensors;
    const record = recordLanguageModelHiddenStates(model, vocabulary, 'mat.');
    expect(tf.memory().numTensors).toBe(before);
    expect(record.layers.map((l) => [l.layer, l.kind, l.units, l.steps])).toEqual([
      [0, 'gru', 6, 4],
      [1, 'gru', 6, 4],
    ]);
    expect(record.layers[1].gates?.map((g) => g.name)).toEqual(['update', 'reset', 'candidate']);
    expect(record.layers[0].cell).toBeUndefined();
    expect(record.labels).toEqual(['m', 'a', 't', '.']);
    model.dispose();
  });

  it('refuses characters outside the vocabulary in one line naming each once, and leaks nothing', () => {
    const model = tinyLanguageModel(vocabulary.size);
    const before = tf.memory().numTensors;
    const refused = () => recordLanguageModelHiddenStates(model, vocabulary, 'The Zebra sat. Then?');
    expect(refused).toThrow(RangeError);
    expect(refused).toThrow(/^the text has characters the model never saw: "T", "Z", "b", "r", "\?"$/);
    expect(() => recordLanguageModelHiddenStates(model, vocabulary, 'a\nb')).toThrow(
      'the text has characters the model never saw: "\\n", "b"',
    );
    expect(() => recordLanguageModelHiddenStates(model, vocabulary, '')).toThrow(
      'the text must have at least one character to read',
    );
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('refuses a vocabulary the model does not read, and a model that reads no token ids', () => {
    const model = tinyLanguageModel(vocabulary.size);
    const other = Vocabulary.fromText(`${patternText}XYZ`);
    expect(() => recordLanguageModelHiddenStates(model, other, 'the')).toThrow(
      `the model reads ${vocabulary.size} symbols but the vocabulary has ${vocabulary.size + 3}`,
    );
    model.dispose();
    const dense = new SequenceModel(
      {
        architecture: 'tagger',
        input: { type: 'dense', features: 1 },
        rnn: { kind: 'simple', units: 2 },
        outputSize: 1,
      },
      createRng(1).fork('init'),
    );
    expect(() => recordLanguageModelHiddenStates(dense, vocabulary, 'the')).toThrow(
      'model must be a character language model: a SequenceModel that reads token ids',
    );
    dense.dispose();
  });
});
