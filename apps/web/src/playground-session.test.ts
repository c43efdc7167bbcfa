import { languageModelRecipes, recipes } from '@rnn/training';
import type { RunSettings } from './protocol';
import { recordedSession, tinyCharlm, tinyCorpus } from './recorded-session.testing';
import { recipeDefaults } from './settings';

const session = recordedSession;

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
  it('starts on the cpu backend with the WebAssembly kernel and offers every recipe of rnn list', async () => {
    const { s, last } = session();
    await s.start();
    const ready = last('ready');
    expect(ready?.engine.backend.name).toBe('cpu');
    expect(ready?.engine.kernel.name).toBe('wasm');
    expect(ready?.engine.wasm.loaded).toBe(true);
    expect(ready?.recipes.map((r) => r.name)).toEqual([...recipes, ...languageModelRecipes].map((r) => r.name));
    expect(ready?.recipes.find((r) => r.name === 'parity')).toMatchObject({
      kind: 'task',
      target: { goal: '>= 0.99' },
    });
    expect(ready?.recipes.find((r) => r.name === 'charlm-quick')).toMatchObject({
      kind: 'language-model',
      task: 'language-model',
      corpus: 'tinyshakespeare',
      model: { cell: 'lstm', hidden: 256, layers: 1 },
      training: { epochs: 3, minutes: 2.5 },
      target: { metric: 'validationBitsPerChar', atMost: 2.35, beatMarkov: false, goal: '<= 2.35' },
    });
    expect(ready?.recipes.find((r) => r.name === 'charlm')?.target.goal).toBe('<= 2.09 and below Markov');
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
    await s.handle({ type: 'generate', id: 1, prime: 'good', temperature: 0, seed: '42' });
    expect(last('generated')).toEqual({
      type: 'generated',
      id: 1,
      source: 'rnn',
      text: 'good i am fine ',
      prime: 'good',
    });
    // Streamed: one reply per character, then the whole text.
    const tokens = of('generated-token').filter((t) => t.id === 1);
    expect(tokens.map((t) => t.text)).toEqual([...' i am fine ']);
    expect(tokens.every((t) => t.source === 'rnn')).toBe(true);
    await s.handle({ type: 'generate', id: 2, prime: 'hey', temperature: 0, length: 3, seed: '42' });
    expect(last('generated')?.text).toBe('hey ho');
    // top-k 1 keeps the most likely character only: greedy at any temperature.
    await s.handle({ type: 'generate', id: 3, prime: 'good', temperature: 2, topK: 1, seed: '42' });
    expect(last('generated')?.text).toBe('good i am fine ');
    await s.handle({ type: 'generate', id: 4, prime: 'good', temperature: 1, topP: 0, seed: '42' });
    expect(last('error')).toEqual({
      type: 'error',
      during: 'generate',
      message: 'topP must be a number in (0, 1], got 0',
    });
    await s.handle({ type: 'predict', inputs: ['have'] });
    expect(last('predictions')?.predictions).toEqual([{ input: 'have', prediction: 'have a nice day' }]);
    await s.handle({ type: 'generate', id: 5, prime: 'goq', temperature: 0, seed: '42' });
    expect(last('error')).toEqual({
      type: 'error',
      during: 'generate',
      message: expect.stringContaining('"q" is not a character of the sentences'),
    });
    await s.handle({ type: 'generate', id: 6, prime: 'goq', temperature: 0, length: 4, seed: '42' });
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
    await s.handle({ type: 'examples', recipe: 'charlm-huge', seed: '1', count: 2 });
    expect(last('error')?.message).toMatch(
      /^recipe must be one of calculator, .*parity-final, charlm-quick, charlm; got "charlm-huge"$/,
    );
    await s.handle({ type: 'examples', recipe: 'charlm', seed: '1', count: 2 });
    expect(last('error')?.message).toBe('the tinyshakespeare corpus is not available here: give a text to train on');
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
    await s.handle({ type: 'train', settings: { ...recipeDefaults(card), epochs: 1 }, text: 'some text' });
    expect(last('error')?.message).toBe(
      "parity trains on its own task's data; only the character language models read a text",
    );
    await s.handle({ type: 'generate', id: 1, prime: '01', temperature: 0, seed: '42' });
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

const charlm = tinyCharlm;

describe('PlaygroundSession: the character language models', () => {
  it('trains beside the Markov baseline of the same split, scores both in bits per character and writes from both, streamed', async () => {
    const { s, of, last, replies } = session();
    await s.start();
    await s.handle({ type: 'train', settings: charlm(), text: tinyCorpus });
    const order = replies.map((r) => r.type).filter((t) => t !== 'batch' && t !== 'epoch' && t !== 'ready');
    expect(order).toEqual(['started', 'baseline', 'measuring', 'done']);
    const baseline = last('baseline');
    expect(baseline?.corpus).toEqual({
      name: 'your text',
      characters: 14400,
      train: 12960,
      validation: 720,
      test: 720,
    });
    expect(baseline?.markov.orders.map((o) => o.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Every step, in bits per character, with the speed and the budget spent.
    const steps = of('batch');
    expect(steps.map((b) => [b.epoch, b.batch, b.batches])).toEqual([
      [1, 1, 4],
      [1, 2, 4],
      [1, 3, 4],
      [1, 4, 4],
      [2, 1, 4],
      [2, 2, 4],
      [2, 3, 4],
      [2, 4, 4],
    ]);
    // Uniform over the 14 symbols and padding is log2(15) bits; the first step starts near it.
    expect(steps[0].loss).toBeGreaterThan(3);
    expect(steps[0].loss).toBeLessThan(4.5);
    for (const b of steps) {
      expect(b.languageModel?.charsPerSecond).toBeGreaterThan(0);
      expect(b.languageModel?.budgetFraction).toBeGreaterThan(0);
      expect(b.languageModel?.budgetFraction).toBeLessThan(1);
    }
    const epochs = of('epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    for (const e of epochs) expect(e.metric).toBeGreaterThan(0);
    const outcome = last('done')?.outcome;
    expect(outcome).toMatchObject({
      recipe: 'charlm-quick',
      metric: 'validationBitsPerChar',
      value: epochs[1].metric,
      goal: '<= 2.35',
      reached: (epochs[1].metric ?? Infinity) <= 2.35,
      languageModel: {
        markov: {
          order: baseline?.markov.order,
          validationBitsPerChar: baseline?.markov.validationBitsPerChar,
          testBitsPerChar: baseline?.markov.testBitsPerChar,
        },
        beatMarkov: false,
        stoppedBy: 'epochs',
        steps: 8,
        plannedSteps: 8,
        minutes: 1,
        corpus: baseline?.corpus,
      },
    });
    expect(outcome?.languageModel?.testBitsPerChar).toBeGreaterThan(0);

    await s.handle({ type: 'generate', id: 7, prime: 'the ', temperature: 0.8, topK: 5, length: 40, seed: '42' });
    const tokens = of('generated-token');
    const texts = Object.fromEntries(of('generated').map((g) => [g.source, g.text]));
    for (const source of ['rnn', 'markov'] as const) {
      const mine = tokens.filter((t) => t.source === source && t.id === 7).map((t) => t.text);
      expect(mine).toHaveLength(40);
      expect(texts[source]).toBe(`the ${mine.join('')}`);
    }
    // Side by side: the two texts grow together, not one after the other.
    const sources = tokens.map((t) => t.source);
    expect(sources.indexOf('markov')).toBeLessThan(sources.lastIndexOf('rnn'));
    // The Markov model of the best order learned the pattern: its text keeps to the corpus's words.
    expect(
      texts.markov
        ?.split(/[ .]+/)
        .filter((w) => w !== '')
        .every((w) => /^(the|cat|sat|on|mat|dog|log)$/.test(w)),
    ).toBe(true);

    await s.handle({ type: 'generate', id: 8, prime: 'The', temperature: 0.8, seed: '42' });
    expect(last('error')).toEqual({
      type: 'error',
      during: 'generate',
      message: 'the prime has characters the model never saw: "T"',
    });
    await s.handle({ type: 'generate', id: 9, prime: '', temperature: 0.8, seed: '42' });
    expect(last('error')?.message).toBe(
      'the prime must have at least one character: the network writes on from what it read',
    );
    await s.handle({ type: 'predict', inputs: ['the'] });
    expect(last('error')?.message).toBe('the charlm-quick model answers with text: write from a prime with Generate');
  });

  it('reads the shipped corpus once, shows its first lines, and measures its baseline once for every run on it', async () => {
    let reads = 0;
    const { s, of, last } = session({
      loadCorpus: async (name) => {
        reads++;
        if (name !== 'tinyshakespeare') throw new Error(`no corpus ${name}`);
        return `First Citizen:\nBefore we proceed any further, hear me speak.\n\n${tinyCorpus}`;
      },
    });
    await s.start();
    await s.handle({ type: 'examples', recipe: 'charlm-quick', seed: '42', count: 3 });
    expect(last('examples')).toMatchObject({
      lines: ['First Citizen:', 'Before we proceed any further, hear me speak.', tinyCorpus.slice(0, 119) + '…'],
      corpus: { name: 'tinyshakespeare', characters: 14462 },
    });
    await s.handle({ type: 'train', settings: charlm({ epochs: 1 }) });
    await s.handle({ type: 'train', settings: charlm({ epochs: 1, seed: '7' }) });
    expect(reads).toBe(1);
    const [first, second] = of('baseline');
    expect(second.markov).toBe(first.markov);
    expect(of('done').map((d) => d.outcome.languageModel?.corpus.name)).toEqual(['tinyshakespeare', 'tinyshakespeare']);
  });

  it('pauses after a step inside an epoch, writes with the paused model, and resumes to the end', async () => {
    const { s, listeners, of, last, replies } = session({ stepYieldInterval: 0 });
    await s.start();
    listeners.push((r) => {
      if (r.type === 'batch' && r.epoch === 1 && r.batch === 2) void s.handle({ type: 'pause' });
      if (r.type === 'paused') {
        void (async () => {
          await s.handle({ type: 'generate', id: 1, prime: 'the', temperature: 0, length: 10, seed: '42' });
          await s.handle({ type: 'resume' });
        })();
      }
    });
    await s.handle({ type: 'train', settings: charlm(), text: tinyCorpus });
    expect(of('paused')).toEqual([{ type: 'paused', epoch: 1, batch: 2, batches: 4 }]);
    const order = replies
      .map((r) => r.type)
      .filter((t) => t !== 'batch' && t !== 'epoch' && t !== 'ready' && t !== 'generated-token');
    expect(order).toEqual(['started', 'baseline', 'paused', 'generated', 'generated', 'resumed', 'measuring', 'done']);
    expect(
      of('generated')
        .map((g) => g.source)
        .sort(),
    ).toEqual(['markov', 'rnn']);
    expect(of('batch')).toHaveLength(8);
    expect(last('done')?.outcome.languageModel?.steps).toBe(8);
  });

  it('stops at the time budget and says so, measuring what it trained, and says when a text is too short', async () => {
    const { s, of, last } = session();
    await s.start();
    await s.handle({ type: 'train', settings: charlm({ epochs: 50, minutes: 1e-5 }), text: tinyCorpus });
    expect(of('batch')).toHaveLength(1);
    expect(of('epoch')).toEqual([expect.objectContaining({ epoch: 1, partial: true, metric: expect.any(Number) })]);
    expect(last('done')?.outcome.languageModel).toMatchObject({ stoppedBy: 'minutes', steps: 1, plannedSteps: 200 });
    await s.handle({ type: 'train', settings: charlm(), text: 'the cat sat. '.repeat(200) });
    expect(last('error')).toEqual({
      type: 'error',
      during: 'train',
      message: expect.stringContaining('2340 characters cannot fill one batch of 32 streams x 100; need at least 3201'),
    });
  });
});
