import { beamSearch } from './beam-search';
import { countSteps } from './count-steps';
import { generate } from './generate';
import { greedy } from './samplers/greedy';
import { createTableModel } from './table-model.testing';

const table = [
  [0.1, 0.8, 0.1],
  [0.1, 0.1, 0.8],
  [0.8, 0.1, 0.1],
];

describe('countSteps', () => {
  it('counts exactly the steps the model takes, and changes nothing else', async () => {
    const model = createTableModel({ alphabet: 'abc', table });
    const counted = countSteps(model);
    const result = await generate(counted, { prime: 'abc', length: 5, sampler: greedy() });
    expect(result.text).toBe('abcabcab');
    expect(counted.steps).toBe(3 + 5 - 1);
    expect(counted.steps).toBe(model.steps);
    expect(model.live.size).toBe(0);
  });

  it('counts a batched beam step once, and keeps disposing states through the model', async () => {
    const model = createTableModel({ alphabet: 'abc', table, async: true });
    const counted = countSteps(model);
    await beamSearch(counted, { prime: 'a', beamWidth: 3, length: 4 });
    expect(counted.steps).toBe(1 + 4 - 1);
    expect(model.live.size).toBe(0);
  });

  it('has initialPrediction exactly when the model has one', async () => {
    expect(countSteps(createTableModel({ alphabet: 'abc', table })).initialPrediction).toBeUndefined();
    const withFirst = countSteps(createTableModel({ alphabet: 'abc', table, first: [0, 0, 1] }));
    expect((await generate(withFirst, { length: 2, sampler: greedy() })).text).toBe('ca');
    expect(withFirst.steps).toBe(1);
  });
});
