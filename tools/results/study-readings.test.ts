import { readingOf } from './study-readings';

const additionRow = (model: string, input: string, exactMatch: number) => ({
  label: `${model}, input ${input}`,
  reached: exactMatch >= 0.99,
  cells: { model, input, exactMatch },
});

describe('readingOf', () => {
  it("adds the addition study's reading only where every variant reads better in order than reversed", () => {
    const finding = 'Exact match on fresh sums, best first: ...';
    const better = readingOf({
      name: 'addition',
      finding,
      rows: [
        additionRow('SimpleRNN 128x1', 'in order', 0.98),
        additionRow('SimpleRNN 128x1', 'reversed', 0.4),
        additionRow('LSTM 128x1', 'in order', 0.7),
        additionRow('LSTM 128x1', 'reversed', 0.1),
      ],
    });
    expect(better.startsWith(`${finding}\n\nReading: the recipes write each sum for column addition`)).toBe(true);
    const mixed = readingOf({
      name: 'addition',
      finding,
      rows: [
        additionRow('SimpleRNN 128x1', 'in order', 1),
        additionRow('SimpleRNN 128x1', 'reversed', 1),
        additionRow('LSTM 128x1', 'in order', 0.7),
        additionRow('LSTM 128x1', 'reversed', 0.1),
      ],
    });
    expect(mixed).toBe(finding);
  });

  it('says so when a study printed no finding', () => {
    expect(readingOf({ name: 'addition', rows: [] })).toBe('(the addition study printed no finding)');
  });
});
