import { formatMetric, tourReportHtml, type TourExercise } from './tour-report';

const exercise = (name: string, reached: boolean, extra: Partial<TourExercise> = {}): TourExercise => ({
  name,
  source: 'the parity notebook',
  shows: 'a running parity <bit> by bit',
  command: `rnn train ${name}`,
  target: { description: 'per-step accuracy >= 0.99', goal: '>= 0.99', metric: 'accuracy', value: reached ? 1 : 0.5 },
  reached,
  seconds: 4.2,
  history: { lossLabel: 'cross-entropy', epochs: [{ epoch: 1, loss: 0.6, metric: reached ? 1 : 0.5 }] },
  ...extra,
});

describe('tourReportHtml', () => {
  const html = tourReportHtml({
    seed: '42',
    machine: '2 x Test CPU, cpu backend',
    date: '2026-12-01',
    seconds: 12,
    exercises: [
      exercise('parity', true, {
        parity: [{ input: '011', prediction: '010', values: [0.1, 0.9, 0.2] }],
        hiddenStates: {
          input: `011${'0'.repeat(200)}`,
          states: { layers: [{ layer: 0, kind: 'simple', units: 2, steps: 3, hidden: [0, 1, 0, 1, 0, 1] }] },
        },
      }),
      exercise('copy', false, {
        examples: [{ input: 'abc', expected: 'abc.', predicted: 'abd.', correct: false }],
      }),
      exercise('sine', true, {
        waves: [{ input: '0.1 0.2', truth: [0, 1, 0], generated: [0.9, 0.1], generatedFrom: 1 }],
        samples: [{ model: 'Markov order 5', prime: 'KING', text: 'KING <b>', bitsPerChar: 2.2 }],
      }),
    ],
  });

  it('is one self-contained page: no script, nothing fetched from elsewhere', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).not.toMatch(/<link /i);
  });

  it('summarises every exercise, linked to its section, with the outcome', () => {
    expect(html).toContain('2 of 3 exercises reached their targets in 12 s, seed 42');
    for (const name of ['parity', 'copy', 'sine']) {
      expect(html).toContain(`<a href="#exercise-${name}">${name}</a>`);
      expect(html).toContain(`id="exercise-${name}"`);
    }
    expect(html.match(/class="missed"/g)).toHaveLength(2);
  });

  it("draws each exercise's pictures and escapes every text", () => {
    expect(html).toContain('data-testid="parity-table"');
    expect(html).toContain('data-testid="examples-table"');
    expect(html).toContain('fresh wave 1');
    expect(html).toContain('layer 1 (simple 2): hidden state h');
    expect(html).toContain('Markov order 5: 2.200 bits per character');
    expect(html).toContain('KING &#60;b&#62;');
    expect(html).toContain('a running parity &#60;bit&#62; by bit');
    expect(html).not.toContain('<b>');
    expect(html).toContain(`Inside the trained model, on <code>011${'0'.repeat(76)}…</code>`);
  });
});

describe('formatMetric', () => {
  it('keeps four significant digits, and small errors in exponent form', () => {
    expect(formatMetric(0.98312)).toBe('0.9831');
    expect(formatMetric(1)).toBe('1');
    expect(formatMetric(0.000075)).toBe('7.50e-5');
    expect(formatMetric(Number.NaN)).toBe('NaN');
  });
});
