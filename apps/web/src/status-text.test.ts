import { batchText, formatMetric, outcomeText, progressFraction } from './status-text';

const outcome = {
  recipe: 'parity',
  metric: 'accuracy' as const,
  goal: '>= 0.99',
  description: 'per-step accuracy >= 0.99 on 1,000 fresh sequences of length 75',
  seconds: 8.16,
};

describe('status text', () => {
  it('says whether the target was reached, with the measured value and the target', () => {
    expect(outcomeText({ ...outcome, reached: true, value: 0.99953 })).toBe(
      'parity: target reached: accuracy 0.9995 (target >= 0.99; per-step accuracy >= 0.99 on 1,000 fresh sequences of length 75), 8.2 s of training',
    );
    expect(outcomeText({ ...outcome, reached: false, value: 0.5 })).toMatch(
      /^parity: target not reached: accuracy 0\.5000 /,
    );
  });

  it('shows small errors in significant digits rather than as zeros', () => {
    expect(formatMetric(0.000123)).toBe('1.23e-4');
    expect(formatMetric(0)).toBe('0.0000');
    expect(formatMetric(Number.NaN)).toBe('NaN');
  });

  it('counts progress in batches over the whole run', () => {
    const batch = { type: 'batch' as const, epoch: 2, epochs: 4, batch: 5, batches: 10, loss: 0.25 };
    expect(progressFraction(batch)).toBe(15 / 40);
    expect(batchText(batch)).toBe('training: epoch 2/4, batch 5/10, loss 0.2500');
  });
});
