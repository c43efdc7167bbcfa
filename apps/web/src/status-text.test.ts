import { batchText, formatMetric, outcomeText, pausedText, progressFraction } from './status-text';

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

  it("says a language model's loss in bits per character, its speed and the budget spent", () => {
    const step = {
      type: 'batch' as const,
      epoch: 1,
      epochs: 3,
      batch: 12,
      batches: 313,
      loss: 3.14159,
      languageModel: { charsPerSecond: 12345.6, budgetFraction: 0.4 },
    };
    expect(batchText(step, 2.5)).toBe(
      'training: epoch 1/3, step 12/313, loss 3.142 bits/char, 12,346 chars/s, 40% of the 2.5-minute budget',
    );
    // The budget ends the run first: the bar follows it.
    expect(progressFraction(step)).toBe(0.4);
    expect(progressFraction({ ...step, languageModel: { budgetFraction: 0 } })).toBe(12 / 939);
    expect(pausedText({ type: 'paused', epoch: 1, batch: 12, batches: 313 }, 3)).toBe(
      'paused at step 12/313 of epoch 1/3: press Resume to go on.',
    );
    expect(pausedText({ type: 'paused', epoch: 2 }, 3)).toBe('paused after epoch 2/3: press Resume to go on.');
  });

  it("puts a language model's result beside the best Markov order and says what ended it", () => {
    const lm = {
      recipe: 'charlm-quick',
      metric: 'validationBitsPerChar' as const,
      goal: '<= 2.35',
      description: 'validation bits per character <= 2.35',
      seconds: 9.96,
      reached: false,
      value: 3.04123,
    };
    const facts = { name: 'tinyshakespeare', characters: 100, train: 90, validation: 5, test: 5 };
    const rest = { testBitsPerChar: 3.05, beatMarkov: false, steps: 120, plannedSteps: 313, corpus: facts };
    expect(
      outcomeText({
        ...lm,
        languageModel: {
          ...rest,
          markov: { order: 6, validationBitsPerChar: 2.0967, testBitsPerChar: 2.28 },
          stoppedBy: 'minutes',
          minutes: 0.1,
        },
      }),
    ).toBe(
      'charlm-quick: target not reached: validation 3.041 bits/char (target <= 2.35; validation bits per character <= 2.35); ' +
        'Markov order 6: 2.097 bits/char, the network 0.945 above it; test 3.050 bits/char; ' +
        'the 0.1-minute budget ended it after 120/313 steps, 10.0 s of training',
    );
    expect(
      outcomeText({ ...lm, reached: true, value: 2.0, languageModel: { ...rest, stoppedBy: 'epochs', steps: 313 } }),
    ).toBe(
      'charlm-quick: target reached: validation 2.000 bits/char (target <= 2.35; validation bits per character <= 2.35); ' +
        'test 3.050 bits/char; 313/313 steps, 10.0 s of training',
    );
  });
});
