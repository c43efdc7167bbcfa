import { bitsPerChar, scoreText } from './bits-per-char';
import { createTableModel } from './table-model.testing';

const options = {
  alphabet: 'abc',
  first: [0.5, 0.25, 0.25],
  table: [
    [0.5, 0.25, 0.25],
    [0.125, 0.125, 0.75],
    [1, 0, 0],
  ],
};

describe('bitsPerChar', () => {
  it('is the mean -log2 P(next | history) from position 1, one step per token', async () => {
    const model = createTableModel(options);
    // "abca": P(b|a) = 1/4 (2 bits), P(c|b) = 3/4, P(a|c) = 1 (0 bits).
    const expected = (2 - Math.log2(0.75) + 0) / 3;
    expect(await bitsPerChar(model, 'abca')).toBeCloseTo(expected, 12);
    expect(model.steps).toBe(3);
    expect(model.live.size).toBe(0);
    const score = await scoreText(createTableModel({ ...options, output: 'logits', async: true }), 'abca');
    expect(score.bitsPerChar).toBeCloseTo(expected, 12);
    expect(score.positions).toBe(3);
    expect(score.totalBits).toBeCloseTo(2 - Math.log2(0.75), 12);
    expect(score.perplexity).toBeCloseTo(2 ** expected, 12);
  });

  it('from = 0 also scores the first token with initialPrediction; from = 2 skips one more', async () => {
    expect(await bitsPerChar(createTableModel(options), 'abca', { from: 0 })).toBeCloseTo(
      (1 + 2 - Math.log2(0.75)) / 4,
      12,
    );
    expect(await bitsPerChar(createTableModel(options), 'abca', { from: 2 })).toBeCloseTo(-Math.log2(0.75) / 2, 12);
  });

  it('is Infinity when a character had probability 0, without failing', async () => {
    expect(await bitsPerChar(createTableModel(options), 'acb')).toBe(Infinity);
  });

  it('rejects bad arguments', async () => {
    const model = createTableModel({ ...options, first: undefined });
    await expect(bitsPerChar(model, 'abc', { from: 0 })).rejects.toThrow(/initialPrediction/);
    await expect(bitsPerChar(model, 'a')).rejects.toThrow(/more than 1 tokens/);
    await expect(bitsPerChar(model, 'abc', { from: -1 })).rejects.toThrow(/from must be an integer >= 0/);
  });
});
