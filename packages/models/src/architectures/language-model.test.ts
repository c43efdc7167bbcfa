import * as tf from '@tensorflow/tfjs';
import { createRng, Vocabulary } from '@rnn/datasets';
import { beamSearch, bitsPerChar, createSampler, generate } from '@rnn/sampling';
import { LanguageModel } from './language-model';
import { SequenceModel } from './sequence-model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const text = 'to be or not to be';
const vocabulary = Vocabulary.fromText(text);
const build = () =>
  new SequenceModel(
    {
      architecture: 'lm',
      input: { type: 'embedding', vocabSize: vocabulary.size, dim: 4 },
      rnn: { kind: 'lstm', units: 8, layers: 2 },
      outputSize: vocabulary.size,
    },
    createRng(11).fork('init'),
  );

describe('LanguageModel', () => {
  it('generates with one model step per token and leaks no tensors', async () => {
    const model = build();
    const lm = new LanguageModel(model, vocabulary);
    const step = jest.spyOn(model, 'step');
    const before = tf.memory().numTensors;
    const result = await generate(lm, {
      prime: 'to ',
      length: 40,
      sampler: createSampler({ temperature: 0.8 }),
      rng: createRng(1),
    });
    expect(result.text.startsWith('to ')).toBe(true);
    expect(result.tokens).toHaveLength(40);
    expect(step.mock.calls.length).toBeLessThanOrEqual(3 + 40);
    expect(tf.memory().numTensors).toBe(before);
    await beamSearch(lm, { prime: 'to', beamWidth: 3, length: 5 });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('scores bits per character exactly as the whole-sequence forward pass does', async () => {
    const model = build();
    const lm = new LanguageModel(model, vocabulary);
    const ids = vocabulary.encode(text);
    const expected = tf.tidy(() => {
      const logits = model.forward(tf.tensor2d([Array.from(ids)], undefined, 'int32')).logits as tf.Tensor3D;
      const logProbs = tf.logSoftmax(logits).arraySync()[0];
      let nats = 0;
      for (let i = 1; i < ids.length; i++) nats -= logProbs[i - 1][ids[i]];
      return nats / (ids.length - 1) / Math.LN2;
    });
    expect(await bitsPerChar(lm, text)).toBeCloseTo(expected, 4);
    model.dispose();
  });

  it('refuses models that do not read token ids or are not per-step', () => {
    const rng = createRng(0);
    const classifier = new SequenceModel(
      {
        architecture: 'classifier',
        input: { type: 'onehot', vocabSize: 3 },
        rnn: { kind: 'gru', units: 2 },
        outputSize: 3,
      },
      rng,
    );
    expect(() => new LanguageModel(classifier, vocabulary)).toThrow(/needs an lm model, got architecture 'classifier'/);
    classifier.dispose();
  });
});
