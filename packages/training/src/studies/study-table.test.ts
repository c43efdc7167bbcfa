import { formatStudyValue, markdownTable, studyMarkdown } from './study-table';

const columns = [
  { key: 'cell', header: 'cell' },
  { key: 'accuracy', header: 'accuracy', digits: 3 },
  { key: 'reached', header: 'reached' },
];

describe('markdownTable', () => {
  it('renders a header, an alignment row (numbers right) and one padded row per record', () => {
    const table = markdownTable(columns, [
      { cell: 'SimpleRNN', accuracy: 0.5, reached: false },
      { cell: 'LSTM', accuracy: 1, reached: true },
    ]);
    expect(table).toBe(
      [
        '| cell      | accuracy | reached |',
        '| --------- | -------: | ------- |',
        '| SimpleRNN |    0.500 | no      |',
        '| LSTM      |    1.000 | yes     |',
      ].join('\n'),
    );
  });

  it('escapes pipes and newlines, and shows missing or null cells as a dash', () => {
    const table = markdownTable(columns, [{ cell: 'a|b\nc', accuracy: null }]);
    expect(table.split('\n')[2]).toBe('| a\\|b c | -        | -       |');
  });

  it('formats values: digits for numbers, non-finite numbers by name', () => {
    expect(formatStudyValue(0.123456, 2)).toBe('0.12');
    expect(formatStudyValue(7)).toBe('7');
    expect(formatStudyValue(Number.NaN, 2)).toBe('NaN');
    expect(formatStudyValue('x')).toBe('x');
  });

  it('rejects a table without columns', () => {
    expect(() => markdownTable([], [])).toThrow(/columns must name at least one column/);
  });
});

describe('studyMarkdown', () => {
  it('puts the question, source, budget, seed, table and finding in one document', () => {
    const text = studyMarkdown({
      name: 'demo',
      question: 'Does it work?',
      source: 'the parity notebook',
      budget: { overrides: { epochs: 1 }, description: '1 epoch' },
      seed: '42',
      columns,
      rows: [],
      finding: 'It was measured.',
    });
    expect(text).toMatch(/^# Study: demo\n\nDoes it work\? \(the parity notebook\)\n/);
    expect(text).toContain('Budget, the same for every variant: 1 epoch. Seed 42.');
    expect(text).toContain('| cell | accuracy | reached |');
    expect(text.trimEnd().endsWith('It was measured.')).toBe(true);
  });
});
