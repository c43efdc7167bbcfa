import { readingOf } from './study-readings';

/** The addition study's four rows: exact match in order and reversed, per model. */
function additionRows(exact: Record<string, [inOrder: number, reversed: number]>) {
  return Object.entries(exact).flatMap(([model, values]) =>
    (['in order', 'reversed'] as const).map((input, k) => ({
      label: `${model}, input ${input}`,
      reached: values[k] >= 0.99,
      cells: { model, input, exactMatch: values[k] },
    })),
  );
}

describe('readingOf', () => {
  const finding = 'Exact match on fresh sums, best first: ...';

  it("adds the addition study's reading where the SimpleRNN adds and the LSTM has not started", () => {
    const rows = additionRows({ 'SimpleRNN 128x1': [0.979, 0.987], 'LSTM 128x1': [0.006, 0.041] });
    const reading = readingOf({ name: 'addition', finding, rows });
    expect(reading.startsWith(`${finding}\n\nReading: on this short budget the SimpleRNN adds nearly every sum`)).toBe(
      true,
    );
  });

  it('keeps to the finding where the table does not bear the reading out', () => {
    for (const exact of [
      { 'SimpleRNN 128x1': [1, 1], 'LSTM 128x1': [0.7, 0.1] },
      { 'SimpleRNN 128x1': [0.5, 1], 'LSTM 128x1': [0, 0] },
    ] as Record<string, [number, number]>[]) {
      expect(readingOf({ name: 'addition', finding, rows: additionRows(exact) })).toBe(finding);
    }
  });

  it('says so when a study printed no finding', () => {
    expect(readingOf({ name: 'addition', rows: [] })).toBe('(the addition study printed no finding)');
  });
});
