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

  it("adds the addition study's reading where every variant reads better in order than reversed", () => {
    const rows = additionRows({ 'SimpleRNN 128x1': [0.98, 0.4], 'LSTM 128x1': [0.7, 0.1] });
    const reading = readingOf({ name: 'addition', finding, rows });
    expect(reading.startsWith(`${finding}\n\nReading: the recipes write each sum for column addition`)).toBe(true);
  });

  it('keeps to the finding where the table does not bear the reading out', () => {
    const rows = additionRows({ 'SimpleRNN 128x1': [1, 1], 'LSTM 128x1': [0.7, 0.1] });
    expect(readingOf({ name: 'addition', finding, rows })).toBe(finding);
  });

  it('says so when a study printed no finding', () => {
    expect(readingOf({ name: 'addition', rows: [] })).toBe('(the addition study printed no finding)');
  });
});
