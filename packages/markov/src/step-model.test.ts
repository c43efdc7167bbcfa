import { createRng } from '@rnn/datasets';
import { loadCorpus } from '@rnn/datasets/node';
import { beamSearch, createSampler, generate, greedy } from '@rnn/sampling';
import { unknownCharacter } from './markov-model';
import { trainMarkov } from './train-markov';

const training = 'the cat sat on the mat. the cat ate the rat. a cat is not a rat.';

describe('MarkovModel as a StepModel', () => {
  it('predicts after each step exactly what distribution(context) says', () => {
    const model = trainMarkov(training, { order: 3 });
    let state = model.initialState(1);
    let history = '';
    expect(Array.from(model.initialPrediction(state).probabilities)).toEqual(Array.from(model.distribution('')));
    for (const c of 'the rat sat') {
      const result = model.step(state, Int32Array.from(model.vocabulary.encode(c)));
      history += c;
      expect(Array.from(result.probabilities)).toEqual(Array.from(model.distribution(history)));
      state = result.state;
    }
  });

  it('steps and gathers batches row by row', () => {
    const model = trainMarkov(training, { order: 2 });
    const ids = (text: string): Int32Array => Int32Array.from(model.vocabulary.encode(text));
    let state = model.initialState(3);
    for (let i = 0; i < 3; i++)
      state = model.step(state, Int32Array.of(ids('tca')[i], ids('hax')[i], ids('e t')[i])).state;
    const v = model.vocabSize;
    const next = model.step(state, ids('.t.'));
    expect(Array.from(next.probabilities.subarray(0, v))).toEqual(Array.from(model.distribution('tca.')));
    expect(Array.from(next.probabilities.subarray(2 * v))).toEqual(Array.from(model.distribution('e t.')));
    const gathered = model.gatherState(next.state, Int32Array.of(2, 2, 0));
    expect(gathered.batch).toBe(3);
    const after = model.step(gathered, ids('aaa'));
    expect(Array.from(after.probabilities.subarray(0, v))).toEqual(Array.from(model.distribution('e t.a')));
    expect(Array.from(after.probabilities.subarray(2 * v))).toEqual(Array.from(model.distribution('tca.a')));
    expect(() => model.step(state, Int32Array.of(1))).toThrow(/one id per row/);
    expect(() => model.step(model.initialState(1), Int32Array.of(99))).toThrow(
      /tokens\[0\] must be an integer in \[0, \d+\], got 99$/,
    );
  });

  it('generates from a prime never seen in training by backing off', async () => {
    const model = trainMarkov(training, { order: 4 });
    const result = await generate(model, { prime: 'QQQQ zebra ', length: 40, rng: createRng(1) });
    expect(result.text.startsWith('QQQQ zebra ')).toBe(true);
    expect(result.generated).toHaveLength(40);
    for (const smoothing of ['mle', 'add-k'] as const) {
      const other = await generate(model.withSmoothing(smoothing), { prime: 'QQQQ', length: 20, rng: createRng(2) });
      expect(other.tokens).toHaveLength(20);
    }
  });

  it('samples its own distribution: frequencies after a context match it', async () => {
    const model = trainMarkov(training, { order: 2 });
    const target = model.distribution('th');
    const sampler = createSampler();
    const rng = createRng('freq');
    const n = 20000;
    const counts = new Float64Array(model.vocabSize);
    for (let i = 0; i < n; i++) counts[sampler.sample(target, rng)]++;
    for (let id = 0; id < model.vocabSize; id++) {
      const se = Math.sqrt((target[id] * (1 - target[id])) / n);
      expect(Math.abs(counts[id] / n - target[id])).toBeLessThanOrEqual(5 * se + 1e-12);
    }
  });

  it('is reproducible: a seeded generation is pinned (the same in every process and run)', async () => {
    const model = trainMarkov(loadCorpus('tinyshakespeare').slice(0, 50000), { order: 4 });
    const run = async (): Promise<string> =>
      (
        await generate(model, {
          prime: 'First Citizen:',
          length: 80,
          rng: createRng('golden'),
          sampler: createSampler({ temperature: 0.8, topK: 10 }),
        })
      ).generated;
    const expected = '\nShall be not to be batted they\nwere stand should with the shall tell, we an evi';
    expect(await run()).toBe(expected);
    expect(await run()).toBe(expected);
  });

  it('beam search of width 1 is greedy, and wider beams are at least as likely', async () => {
    const model = trainMarkov(training, { order: 2 });
    const [one] = await beamSearch(model, { prime: 'the', beamWidth: 1, length: 12 });
    expect(one.text).toBe((await generate(model, { prime: 'the', length: 12, sampler: greedy() })).generated);
    const wide = await beamSearch(model, { prime: 'the', beamWidth: 8, length: 12 });
    expect(wide[0].logProbability).toBeGreaterThanOrEqual(one.logProbability);
  });

  it('decodes the unknown symbol as U+FFFD', () => {
    const model = trainMarkov(training, { order: 1 });
    expect(model.vocabulary.decode([0, ...model.vocabulary.encode('cat')])).toBe(`${unknownCharacter}cat`);
    expect(Array.from(model.vocabulary.encode('c#t'))[1]).toBe(0);
  });
});
