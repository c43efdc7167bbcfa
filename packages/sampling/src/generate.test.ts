import { createRng } from '@rnn/datasets';
import { generate } from './generate';
import { createSampler } from './samplers/create-sampler';
import { greedy } from './samplers/greedy';
import { createTableModel, randomTable } from './table-model.testing';

// After a: mostly b; after b: mostly c; after c: mostly a. Greedy from "a" cycles "bcabca...".
const table = [
  [0.1, 0.8, 0.1],
  [0.1, 0.1, 0.8],
  [0.8, 0.1, 0.1],
];
const first = [0.2, 0.2, 0.6];

describe('generate', () => {
  it('calls step exactly once per token read or produced (never re-reads the prefix) and disposes every state', async () => {
    const model = createTableModel({ alphabet: 'abc', table });
    const result = await generate(model, { prime: 'abca', length: 10, sampler: greedy() });
    expect(result.generated).toBe('bcabcabcab');
    expect(result.text).toBe('abcabcabcabcab');
    expect(Array.from(result.tokens)).toEqual([1, 2, 0, 1, 2, 0, 1, 2, 0, 1]);
    expect(result.stoppedBy).toBe('length');
    // 4 prime tokens + 10 produced - 1: the last produced token needs no prediction after it.
    expect(model.steps).toBe(4 + 10 - 1);
    expect(model.live.size).toBe(0);
  });

  it('starts from initialPrediction when the prime is empty, and needs one otherwise', async () => {
    const model = createTableModel({ alphabet: 'abc', table, first });
    expect((await generate(model, { length: 3, sampler: greedy() })).text).toBe('cab');
    expect(model.steps).toBe(2);
    const noFirst = createTableModel({ alphabet: 'abc', table });
    await expect(generate(noFirst, { length: 3, sampler: greedy() })).rejects.toThrow(/non-empty prime/);
    expect(noFirst.live.size).toBe(0);
  });

  it('seeded sampling is reproducible and identical for sync, async, logits and probability models', async () => {
    const rng = createRng('tables');
    const t = randomTable(() => rng.next(), 5);
    const run = async (options: Parameters<typeof createTableModel>[0], seed: string): Promise<string> =>
      (await generate(createTableModel(options), { prime: 'ab', length: 200, rng: createRng(seed) })).generated;
    const base = await run({ alphabet: 'abcde', table: t }, 's');
    expect(base).toHaveLength(200);
    expect(await run({ alphabet: 'abcde', table: t }, 's')).toBe(base);
    expect(await run({ alphabet: 'abcde', table: t, async: true }, 's')).toBe(base);
    expect(await run({ alphabet: 'abcde', table: t, output: 'logits' }, 's')).toBe(base);
    expect(await run({ alphabet: 'abcde', table: t }, 'other')).not.toBe(base);
  });

  it('samples the model distribution: bigram frequencies of a long generation match the table', async () => {
    const model = createTableModel({ alphabet: 'abc', table });
    const { tokens } = await generate(model, { prime: 'a', length: 30000, rng: createRng(7) });
    const counts = [0, 0, 0];
    const totals = [0, 0, 0];
    let prev = 0;
    for (const t of tokens) {
      totals[prev]++;
      if (t === (prev + 1) % 3) counts[prev]++;
      prev = t;
    }
    for (let a = 0; a < 3; a++) expect(counts[a] / totals[a]).toBeCloseTo(0.8, 1);
  });

  it('stops after a stopAt string, keeping it, and only looks at generated text', async () => {
    const model = createTableModel({ alphabet: 'abc', table });
    const result = await generate(model, { prime: 'ca', length: 50, sampler: greedy(), stopAt: ['ca', 'zz'] });
    expect(result.generated).toBe('bca');
    expect(result.stoppedBy).toBe('stopAt');
    expect(model.live.size).toBe(0);
  });

  it('streams tokens through onToken', async () => {
    const seen: string[] = [];
    const model = createTableModel({ alphabet: 'abc', table });
    await generate(model, { prime: 'a', length: 4, sampler: greedy(), onToken: (text) => seen.push(text) });
    expect(seen).toEqual(['b', 'c', 'a', 'b']);
  });

  it('keeps nothing with keep: false, streaming the same tokens through onToken', async () => {
    const model = createTableModel({ alphabet: 'abc', table });
    const seen: string[] = [];
    const options = { prime: 'a', length: 6, sampler: greedy(), onToken: (text: string) => seen.push(text) };
    const streamed = await generate(model, { ...options, keep: false });
    expect(streamed).toMatchObject({ text: 'a', generated: '', stoppedBy: 'length' });
    expect(streamed.tokens).toHaveLength(0);
    expect(seen.join('')).toBe((await generate(model, options)).generated);
    expect(model.live.size).toBe(0);
  });

  it('waits for a promise onToken returns before choosing the next token', async () => {
    const model = createTableModel({ alphabet: 'abc', table });
    const events: string[] = [];
    const onToken = async (text: string) => {
      events.push(`start ${text}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      events.push(`end ${text}`);
    };
    await generate(model, { prime: 'a', length: 3, sampler: greedy(), onToken });
    expect(events).toEqual(['start b', 'end b', 'start c', 'end c', 'start a', 'end a']);
  });

  it('length 0 returns the prime without stepping', async () => {
    const model = createTableModel({ alphabet: 'abc', table });
    expect((await generate(model, { prime: 'ab', length: 0, sampler: greedy() })).text).toBe('ab');
    expect(model.steps).toBe(0);
  });

  it('rejects bad arguments with RangeErrors naming them', async () => {
    const model = createTableModel({ alphabet: 'abc', table });
    await expect(generate(model, { prime: 'a', length: -1, sampler: greedy() })).rejects.toThrow(
      /length must be an integer >= 0/,
    );
    await expect(generate(model, { prime: 'a', length: 1.5, sampler: greedy() })).rejects.toThrow(RangeError);
    await expect(generate(model, { prime: 'a', length: 3, sampler: createSampler() })).rejects.toThrow(
      /rng is required/,
    );
    await expect(generate(model, { prime: 'a', length: 3, sampler: greedy(), stopAt: '' })).rejects.toThrow(/stopAt/);
    await expect(generate({} as never, { length: 3 })).rejects.toThrow(/vocabSize/);
    await expect(generate(model, { prime: 'x', length: 3, sampler: greedy() })).rejects.toThrow(/unknown character/);
    expect(model.live.size).toBe(0);
  });
});
