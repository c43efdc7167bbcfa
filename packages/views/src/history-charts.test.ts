import { historyChartsSvg, historySvg } from './history-charts';

const svgCount = (text: string) => (text.match(/<svg /g) ?? []).length;

describe('historyChartsSvg', () => {
  const epochs = [
    { epoch: 1, loss: 0.7, metric: 0.5 },
    { epoch: 2, loss: 0.3 },
    { epoch: 3, loss: 0.05, metric: 0.995 },
  ];

  it('draws the loss, then the measured metric with its target across', () => {
    const svg = historyChartsSvg({
      lossLabel: 'cross-entropy',
      epochs,
      metric: { name: 'accuracy', atLeast: 0.99 },
      title: 'parity',
    });
    expect(svgCount(svg)).toBe(2);
    expect(svg).toContain('parity: loss per epoch');
    expect(svg).toContain('parity: accuracy on fresh data');
    expect(svg).toContain('target &gt;= 0.99');
    // training loss, metric, and the dashed target line
    expect((svg.match(/class="series"/g) ?? []).length).toBe(3);
  });

  it('draws only the loss when no epoch measured the metric, with validation and a baseline', () => {
    const svg = historyChartsSvg({
      lossLabel: 'bits per character',
      epochs: [
        { epoch: 1, loss: 3, validationLoss: 2.6 },
        { epoch: 2, loss: 2.4, validationLoss: 2.3 },
      ],
      baseline: { name: 'Markov order 5', loss: 2.2 },
      metric: { name: 'bits per character', atMost: 2.35 },
    });
    expect(svgCount(svg)).toBe(1);
    expect(svg).toContain('validation');
    expect(svg).toContain('Markov order 5');
    expect((svg.match(/class="series"/g) ?? []).length).toBe(3);
  });

  it('puts both charts side by side in one SVG document for a file', () => {
    const svg = historySvg({ lossLabel: 'loss', epochs, metric: { name: 'accuracy', atLeast: 0.99 } });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svgCount(svg)).toBe(3);
  });

  it('refuses an empty history', () => {
    expect(() => historyChartsSvg({ lossLabel: 'loss', epochs: [] })).toThrow(/epochs must hold at least one/);
  });
});
