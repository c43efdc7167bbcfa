import { recipes } from '@rnn/training';
import type { PlaygroundReply, RunSettings } from './protocol';
import { PlaygroundSession } from './playground-session';
import { recipeDefaults } from './settings';

/** A session whose replies are collected, and a way to wait for one of a type. */
function session() {
  const replies: PlaygroundReply[] = [];
  const listeners: ((r: PlaygroundReply) => void)[] = [];
  const s = new PlaygroundSession((reply) => {
    replies.push(reply);
    for (const l of listeners) l(reply);
  });
  const of = <T extends PlaygroundReply['type']>(type: T) =>
    replies.filter((r): r is Extract<PlaygroundReply, { type: T }> => r.type === type);
  const last = <T extends PlaygroundReply['type']>(type: T) => of(type).at(-1);
  return { s, replies, listeners, of, last };
}

const sentences = (over: Partial<RunSettings> = {}): RunSettings => ({
  recipe: 'sentences',
  cell: 'simple',
  hidden: 12,
  layers: 1,
  learningRate: 0.01,
  epochs: 100,
  seed: '42',
  ...over,
});

describe('PlaygroundSession', () => {
  it('starts on the cpu backend with the WebAssembly kernel and offers every task recipe', async () => {
    const { s, last } = session();
    await s.start();
    const ready = last('ready');
    expect(ready?.engine.backend.name).toBe('cpu');
    expect(ready?.engine.kernel.name).toBe('wasm');
    expect(ready?.engine.wasm.loaded).toBe(true);
    expect(ready?.recipes.map((r) => r.name)).toEqual(recipes.map((r) => r.name));
    expect(ready?.recipes.find((r) => r.name === 'parity')?.target.goal).toBe('>= 0.99');
    expect(ready?.cellKinds).toEqual(['elman', 'simple', 'lstm', 'gru']);
  });

  it("shows a recipe's first training examples as rnn data prints them", async () => {
    const { s, last } = session();
    await s.handle({ type: 'examples', recipe: 'parity', seed: '7', count: 3 });
    const lines = last('examples')?.lines ?? [];
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^[01]{50} -> [01]{50}$/);
    await s.handle({ type: 'examples', recipe: 'sentences', seed: '7', count: 6 });
    expect(last('examples')?.lines).toEqual([
      'hey how are yo -> ey how are you',
      'good i am fine -> ood i am fine ',
      'have a nice da -> ave a nice day',
    ]);
  });

  it('trains sentences to its target with progress per batch and the metric along the way, then writes "good i am fine"', async () => {
    const { s, of, last } = session();
    await s.start();
    await s.handle({ type: 'train', settings: sentences() });
    expect(of('batch')).toHaveLength(100);
    const epochs = of('epoch');
    expect(epochs.map((e) => e.epoch)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(epochs.filter((e) => e.metric !== undefined).map((e) => e.epoch)).toEqual(
      Array.from({ length: 50 }, (_, i) => 2 * (i + 1)),
    );
    expect(epochs.at(-1)?.metric).toBe(1);
    expect(last('done')?.outcome).toMatchObject({
      recipe: 'sentences',
      reached: true,
      metric: 'completion',
      value: 1,
      goal: '>= 1',
    });
    await s.handle({ type: 'generate', prime: 'good', temperature: 0, seed: '42' });
    expect(last('generated')?.text).toBe('good i am fine ');
    await s.handle({ type: 'generate', prime: 'hey', temperature: 0, length: 3, seed: '42' });
    expect(last('generated')?.text).toBe('hey ho');
    await s.handle({ type: 'predict', inputs: ['have'] });
    expect(last('predictions')?.predictions).toEqual([{ input: 'have', prediction: 'have a nice day' }]);
    await s.handle({ type: 'generate', prime: 'goq', temperature: 0, seed: '42' });
    expect(last('error')).toEqual({
      type: 'error',
      during: 'generate',
      message: expect.stringContaining('"q" is not a character of the sentences'),
    });
    await s.handle({ type: 'generate', prime: 'goq', temperature: 0, length: 4, seed: '42' });
    expect(last('error')?.message).toBe('the prime has characters the model never saw: "q"');
  });

  it("pauses at the end of an epoch, answers with that epoch's model, and resumes to the end", async () => {
    const { s, listeners, of, last, replies } = session();
    await s.start();
    listeners.push((r) => {
      if (r.type === 'batch' && r.epoch === 1) void s.handle({ type: 'pause' });
      if (r.type === 'paused') {
        void (async () => {
          await s.handle({ type: 'predict', inputs: ['good'] });
          await s.handle({ type: 'train', settings: sentences() });
          await s.handle({ type: 'resume' });
        })();
      }
    });
    await s.handle({ type: 'train', settings: sentences({ epochs: 4 }) });
    expect(of('paused')).toEqual([{ type: 'paused', epoch: 1 }]);
    const order = replies.map((r) => r.type).filter((t) => t !== 'batch' && t !== 'epoch' && t !== 'ready');
    expect(order).toEqual(['started', 'paused', 'predictions', 'error', 'resumed', 'measuring', 'done']);
    expect(last('predictions')?.predictions[0]).toMatchObject({ input: 'good' });
    expect(last('error')).toEqual({
      type: 'error',
      during: 'train',
      message: 'a run is in progress: pause or reset it first',
    });
    expect(of('batch')).toHaveLength(4);
    expect(last('done')?.outcome.recipe).toBe('sentences');
  });

  it('says what to do instead of answering without a model, or with one that writes no text', async () => {
    const { s, last } = session();
    await s.start();
    await s.handle({ type: 'predict', inputs: ['0101'] });
    expect(last('error')).toEqual({ type: 'error', during: 'predict', message: 'train a model first' });
    await s.handle({ type: 'examples', recipe: 'charlm', seed: '1', count: 2 });
    expect(last('error')?.message).toMatch(/^recipe must be one of calculator, .*parity-final; got "charlm"$/);
    const parity = recipes.find((r) => r.name === 'parity');
    if (!parity) throw new Error('no parity recipe');
    const card = last('ready')?.recipes.find((r) => r.name === 'parity');
    if (!card) throw new Error('no parity card');
    await s.handle({ type: 'train', settings: { ...recipeDefaults(card), epochs: 1 } });
    expect(last('done')?.outcome.recipe).toBe('parity');
    await s.handle({ type: 'predict', inputs: ['0110', '01a'] });
    const [good, bad] = last('predictions')?.predictions ?? [];
    expect(good).toMatchObject({ input: '0110', prediction: expect.stringMatching(/^[01]{4}$/) });
    expect(good && 'values' in good ? good.values : []).toHaveLength(4);
    expect(bad).toEqual({ input: '01a', error: expect.stringContaining('"01a" is not a parity input') });
    await s.handle({ type: 'generate', prime: '01', temperature: 0, seed: '42' });
    expect(last('error')?.message).toBe(
      "the parity recipe's task has no vocabulary; only character recipes write text",
    );
  });
});

describe('PlaygroundSession: inside the trained model', () => {
  it('answers 8 fresh examples with marks and records the hidden states of a typed input', async () => {
    const { s, last } = session();
    await s.start();
    await s.handle({ type: 'fresh', round: 0 });
    expect(last('error')).toEqual({ type: 'error', during: 'fresh', message: 'train a model first' });
    const card = last('ready')?.recipes.find((r) => r.name === 'parity');
    if (!card) throw new Error('no parity card');
    await s.handle({ type: 'train', settings: { ...recipeDefaults(card), hidden: 4, epochs: 1 } });
    await s.handle({ type: 'fresh', round: 0 });
    const fresh = last('fresh');
    expect(fresh?.waves).toBeUndefined();
    expect(fresh?.examples).toHaveLength(8);
    for (const row of fresh?.examples ?? []) {
      // The target's fresh sequences: longer than the training ones.
      expect(row.input).toMatch(/^[01]{75}$/);
      expect(row.expected).toHaveLength(75);
      expect(row.correct).toBe(row.predicted === row.expected);
    }
    await s.handle({ type: 'hidden-states', input: '0110' });
    const layer = last('hidden-states')?.record.layers[0];
    expect(layer).toMatchObject({ kind: 'simple', units: 4, steps: 4 });
    await s.handle({ type: 'hidden-states', input: '01a' });
    expect(last('error')).toMatchObject({ during: 'hidden-states', message: expect.stringContaining('"01a"') });
  });
});
