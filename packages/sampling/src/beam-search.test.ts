import { createRng } from '@rnn/datasets';
import { beamSearch } from './beam-search';
import { generate } from './generate';
import { greedy } from './samplers/greedy';
import { createTableModel, randomTable } from './table-model.testing';

// Greedy takes "a" (0.5) and then at best 0.4: 0.20. The best pair is "ba": 0.4 * 0.9 = 0.36.
const trap = {
  alphabet: 'abc',
  first: [0.5, 0.4, 0.1],
  table: [
    [0.4, 0.3, 0.3],
    [0.9, 0.05, 0.05],
    [1 / 3, 1 / 3, 1 / 3],
  ],
};

/** Every sequence of `length` tokens with its log-probability, best first: the ground truth for tiny cases. */
function enumerate(
  first: readonly number[],
  table: readonly (readonly number[])[],
  length: number,
): { tokens: number[]; logP: number }[] {
  const norm = (row: readonly number[]): number[] => row.map((x) => x / row.reduce((a, b) => a + b, 0));
  let all = norm(first).map((p, t) => ({ tokens: [t], logP: Math.log(p) }));
  for (let i = 1; i < length; i++) {
    all = all.flatMap((s) =>
      norm(table[s.tokens[s.tokens.length - 1]]).map((p, t) => ({
        tokens: [...s.tokens, t],
        logP: s.logP + Math.log(p),
      })),
    );
  }
  return all.sort((x, y) => y.logP - x.logP);
}

describe('beamSearch', () => {
  it('finds the best sequence greedy misses, with its log-probability', async () => {
    const model = createTableModel(trap);
    const greedyText = (await generate(createTableModel(trap), { length: 2, sampler: greedy() })).generated;
    expect(greedyText).toBe('aa');
    const beams = await beamSearch(model, { beamWidth: 2, length: 2 });
    expect(beams[0].text).toBe('ba');
    expect(beams[0].logProbability).toBeCloseTo(Math.log(0.36), 12);
    expect(beams[1].text).toBe('aa');
    expect(beams[1].logProbability).toBeCloseTo(Math.log(0.2), 12);
    expect(model.live.size).toBe(0);
  });

  it('width 1 is greedy decoding', async () => {
    for (let seed = 0; seed < 20; seed++) {
      const rng = createRng(`beam/${seed}`);
      const options = { alphabet: 'abcdef', table: randomTable(() => rng.next(), 6) };
      const beams = await beamSearch(createTableModel(options), { prime: 'fa', beamWidth: 1, length: 12 });
      const greedyText = (await generate(createTableModel(options), { prime: 'fa', length: 12, sampler: greedy() }))
        .generated;
      expect(beams).toHaveLength(1);
      expect(beams[0].text).toBe(greedyText);
    }
  });

  it('a beam as wide as every sequence finds the exact top sequences, best first', async () => {
    for (let seed = 0; seed < 10; seed++) {
      const rng = createRng(`exhaustive/${seed}`);
      const table = randomTable(() => rng.next(), 3);
      const first = [rng.next() + 0.1, rng.next() + 0.1, rng.next() + 0.1];
      const model = createTableModel({ alphabet: 'xyz', table, first, output: seed % 2 ? 'logits' : 'probabilities' });
      const beams = await beamSearch(model, { beamWidth: 27, length: 3 });
      const truth = enumerate(first, table, 3);
      expect(beams.map((b) => Array.from(b.tokens))).toEqual(truth.map((t) => t.tokens));
      beams.forEach((b, i) => expect(b.logProbability).toBeCloseTo(truth[i].logP, 10));
      expect(model.live.size).toBe(0);
    }
  });

  it('advances all beams in one batched step per produced token', async () => {
    const model = createTableModel({ ...trap, async: true });
    const beams = await beamSearch(model, { prime: 'ab', beamWidth: 3, length: 5 });
    expect(beams).toHaveLength(3);
    expect(model.steps).toBe(2 + 5 - 1);
    for (let i = 1; i < beams.length; i++)
      expect(beams[i - 1].logProbability).toBeGreaterThanOrEqual(beams[i].logProbability);
    expect(new Set(beams.map((b) => b.text)).size).toBe(3);
    expect(model.live.size).toBe(0);
  });

  it('rejects bad arguments', async () => {
    const model = createTableModel(trap);
    await expect(beamSearch(model, { beamWidth: 0, length: 2 })).rejects.toThrow(/beamWidth must be an integer >= 1/);
    await expect(beamSearch(model, { beamWidth: 2, length: -2 })).rejects.toThrow(/length must be an integer >= 0/);
    expect(await beamSearch(model, { beamWidth: 2, length: 0 })).toEqual([
      { text: '', tokens: new Int32Array(0), logProbability: 0 },
    ]);
  });
});
