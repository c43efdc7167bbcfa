import { examplesTableHtml, hiddenStateSvgs, layerHeatmapSvg, waveChartsSvg, type HiddenStates } from './index';

describe('examplesTableHtml', () => {
  it('writes one row per example with a mark, escaped, and counts the right ones', () => {
    const html = examplesTableHtml([
      { input: '12+3', expected: '15', predicted: '15', correct: true },
      { input: '<b>', expected: '1', predicted: '2', correct: false },
    ]);
    expect(html).toContain('data-testid="examples-table"');
    expect(html).toContain('1 of 2 fresh examples right');
    expect(html.match(/<tbody>.*<\/tbody>/)?.[0].match(/<tr /g)).toHaveLength(2);
    expect(html).toContain('<td class="mark" aria-label="right">✓</td>');
    expect(html).toContain('<td class="mark" aria-label="wrong">✗</td>');
    expect(html).toContain('&#60;b&#62;');
    expect(html).not.toContain('<b>');
  });
});

describe('waveChartsSvg', () => {
  it('draws one chart per wave, the generated line dashed from its first generated step', () => {
    const svg = waveChartsSvg([
      { input: '1 0 0', truth: [0, 1, 0, -1], generated: [0.1, 0.9, 0.1, -0.8], generatedFrom: 0 },
      { input: '0 1 0', truth: [0, 1, 0, -1], generated: [0.2, -0.5], generatedFrom: 2 },
    ]);
    expect(svg.match(/<svg /g)).toHaveLength(2);
    expect(svg).toContain('fresh wave 1: 1 0 0');
    expect(svg).toContain('generated after 3 true steps');
    expect(svg).toContain('stroke-dasharray');
  });
});

describe('hiddenStateSvgs', () => {
  it('draws every layer, and the cell state and gates of an LSTM, as heatmaps of units by steps', () => {
    const values = Float32Array.from({ length: 6 }, (_, i) => i / 6);
    const record: HiddenStates = {
      layers: [
        {
          layer: 0,
          kind: 'lstm',
          units: 2,
          steps: 3,
          hidden: values,
          cell: values,
          gates: ['input', 'forget', 'cell', 'output'].map((name) => ({ name, values })),
        },
        { layer: 1, kind: 'simple', units: 2, steps: 3, hidden: values },
      ],
    };
    const svg = hiddenStateSvgs(record);
    expect(svg.match(/<svg /g)).toHaveLength(7);
    expect(svg).toContain('layer 1 (lstm 2): hidden state h');
    expect(svg).toContain('layer 1 (lstm 2): forget gate');
    expect(svg).toContain('layer 2 (simple 2): hidden state h');
    expect(hiddenStateSvgs(record, { gates: false }).match(/<svg /g)).toHaveLength(2);
    // Each gate's legend spans its range: 0..1 for the sigmoid gates, -1..1 for the cell gate (a tanh).
    const legendEnds = [...svg.matchAll(/<svg [\s\S]*?<\/svg>/g)].map((m) => {
      const legend = m[0].slice(m[0].indexOf('class="legend"'));
      const numbers = [...legend.matchAll(/<text[^>]*>(-?[\d.]+)<\/text>/g)].map((t) => Number(t[1]));
      return [Math.min(...numbers), Math.max(...numbers)];
    });
    expect(legendEnds.slice(2, 6)).toEqual([
      [0, 1],
      [0, 1],
      [-1, 1],
      [0, 1],
    ]);
    const seq2seq = hiddenStateSvgs({ layers: record.layers.slice(1), decoderLayers: record.layers.slice(1) });
    expect(seq2seq).toContain('encoder layer 2');
    expect(seq2seq).toContain('decoder layer 2');
  });
});

describe('hiddenStateSvgs with the input symbols', () => {
  const values = Float32Array.from({ length: 6 }, (_, i) => i / 6);
  const lstm = {
    layer: 0,
    kind: 'lstm',
    units: 2,
    steps: 3,
    hidden: values,
    cell: values,
    gates: ['input', 'forget', 'cell', 'output'].map((name) => ({ name, values })),
  };
  /** The names under the columns of each heatmap, in order. */
  const columnNames = (html: string) =>
    [...html.matchAll(/<g class="column-names"[^>]*>(.*?)<\/g>/g)].map((m) =>
      [...m[1].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]),
    );

  it('writes the symbol each step read under its column, in the hidden state, cell state and every gate', () => {
    const html = hiddenStateSvgs({ layers: [lstm], labels: ['R', 'O', 'M'] });
    expect(columnNames(html)).toEqual(Array.from({ length: 6 }, () => ['R', 'O', 'M']));
  });

  it('shows whitespace as the glyph that stands for it, and escapes the rest', () => {
    const html = hiddenStateSvgs({ layers: [lstm], labels: [' ', '\n', '<'] }, { gates: false });
    expect(columnNames(html)).toEqual([['␣', '↵', '&lt;']]);
  });

  it("labels the encoder's steps and not the decoder's, which read the model's own outputs", () => {
    const html = hiddenStateSvgs(
      { layers: [lstm], decoderLayers: [lstm], labels: ['a', 'b', '<stop>'] },
      { gates: false },
    );
    expect(columnNames(html)).toEqual([['a', 'b', '&lt;stop&gt;']]);
    expect(html.indexOf('column-names')).toBeLessThan(html.indexOf('decoder layer 1'));
  });

  it('draws step numbers alone without labels, or with labels that are not one per step', () => {
    expect(hiddenStateSvgs({ layers: [lstm] })).not.toContain('column-names');
    expect(hiddenStateSvgs({ layers: [lstm], labels: ['a', 'b'] })).not.toContain('column-names');
  });
});

describe('layerHeatmapSvg', () => {
  const layer = { layer: 0, kind: 'lstm', units: 2, steps: 3, hidden: [0.1, -0.2, 0.3, -0.4, 0.5, -0.6] };

  it('draws the input above the cells when it has a value per step, and widens a few steps', () => {
    const withInput = layerHeatmapSvg(layer, { title: 'parity', input: [0, 1, 1] });
    expect(withInput).toContain('>input</text>');
    expect(layerHeatmapSvg(layer, { title: 'parity', input: [0, 1] })).not.toContain('>input</text>');
    const cell = /<rect x="[^"]+" y="[^"]+" width="([^"]+)"/.exec(withInput);
    expect(Number(cell?.[1])).toBeGreaterThanOrEqual(100);
  });

  it('writes labels under the columns, and gives a long labelled input a character per cell', () => {
    expect(layerHeatmapSvg(layer, { title: 'parity', labels: ['0', '1', '1'] })).toContain(
      '<g class="column-names" font-family="monospace"><text',
    );
    const steps = 200;
    const long = { layer: 0, kind: 'gru', units: 1, steps, hidden: new Float32Array(steps) };
    const width = (svg: string) => Number(/<rect x="[^"]+" y="[^"]+" width="([^"]+)"/.exec(svg)?.[1]);
    const text = Array.from({ length: steps }, (_, i) => 'ROMEO: '[i % 7]);
    expect(width(layerHeatmapSvg(long, { title: 'charlm' }))).toBe(3);
    expect(width(layerHeatmapSvg(long, { title: 'charlm', labels: text }))).toBe(12);
  });

  it('scales a gate from -1 to 1 when asked, instead of to its largest value', () => {
    const gate = layerHeatmapSvg(layer, {
      title: 'forget gate',
      values: layer.hidden,
      legendLabel: 'forget',
      limit: 1,
    });
    const own = layerHeatmapSvg(layer, { title: 'forget gate', values: layer.hidden, legendLabel: 'forget' });
    expect(gate).not.toBe(own);
    expect(gate).toContain('>forget</text>');
  });
});
