import { missingColor, negativeColor, positiveColor, zeroColor } from './diverging-color';
import { heatmapSvg, type HeatmapOptions } from './heatmap-svg';
import { allElements, byClass, parseSvg } from './xml-check.testing';

const cellsOf = (svg: string) => byClass(parseSvg(svg), 'cells').children;

/** 3 units x 4 steps with a known most negative (-2 at unit 1, step 2), 0 and most positive (1.5). */
const small: HeatmapOptions = {
  values: Float32Array.from([0.5, -1, 0, 1.5, 0.25, -0.5, -2, 0, 1, 0.75, -0.25, 0.1]),
  rows: 3,
  columns: 4,
};

describe('heatmapSvg', () => {
  it('is a well-formed SVG with one cell per value, row by row', () => {
    const cells = cellsOf(heatmapSvg(small));
    expect(cells).toHaveLength(12);
    expect(cells.every((c) => c.name === 'rect')).toBe(true);
    // Row-major: cell 5 is unit 1, step 1 — right of cell 4 and below cell 1.
    expect(Number(cells[5].attributes.x)).toBeGreaterThan(Number(cells[4].attributes.x));
    expect(Number(cells[5].attributes.y)).toBeGreaterThan(Number(cells[1].attributes.y));
    expect(cells[5].attributes.x).toBe(cells[1].attributes.x);
  });

  it('colours symmetrically around 0: the largest |value| is full blue, 0 white, and +|max| would be full red', () => {
    const cells = cellsOf(heatmapSvg(small));
    expect(cells[6].attributes.fill).toBe(negativeColor); // -2, the largest |value|
    expect(cells[2].attributes.fill).toBe(zeroColor);
    expect(cells[3].attributes.fill).not.toBe(positiveColor); // 1.5 < |-2|: not full red
    const flipped = cellsOf(heatmapSvg({ ...small, values: Array.from(small.values, (v) => -v) }));
    expect(flipped[6].attributes.fill).toBe(positiveColor);
    expect(flipped[2].attributes.fill).toBe(zeroColor);
  });

  it('widens a narrow heatmap to its title, so the title is not cut off', () => {
    const title = 'encoder layer 1 (lstm 128): hidden state h';
    const width = (svg: string) => Number(parseSvg(svg).attributes.width);
    expect(width(heatmapSvg({ ...small, title }))).toBeGreaterThan(width(heatmapSvg(small)) + 100);
    expect(width(heatmapSvg({ ...small, title }))).toBeGreaterThan(26 + 30 + title.length * 7);
  });

  it('uses a given limit for the scale and clamps beyond it', () => {
    const cells = cellsOf(heatmapSvg({ ...small, limit: 1 }));
    expect(cells[3].attributes.fill).toBe(positiveColor); // 1.5 > 1
    expect(cells[6].attributes.fill).toBe(negativeColor);
    expect(cells[1].attributes.fill).toBe(negativeColor); // -1 exactly
  });

  it('on a positive scale runs from 0 (white) to the limit (full red), its legend from 0 up', () => {
    const gate: HeatmapOptions = { values: [0, 0.5, 1, 0.25], rows: 2, columns: 2, limit: 1, scale: 'positive' };
    const root = parseSvg(heatmapSvg(gate));
    const cells = byClass(root, 'cells').children;
    expect(cells.map((c) => c.attributes.fill)).toEqual([
      zeroColor,
      cellsOf(heatmapSvg({ ...small, values: [0.5], rows: 1, columns: 1, limit: 1 }))[0].attributes.fill,
      positiveColor,
      cellsOf(heatmapSvg({ ...small, values: [0.25], rows: 1, columns: 1, limit: 1 }))[0].attributes.fill,
    ]);
    const legend = byClass(root, 'legend');
    const swatches = legend.children.filter((e) => e.name === 'rect' && e.attributes.fill !== 'none');
    expect(swatches[0].attributes.fill).toBe(positiveColor);
    expect(swatches.at(-1)?.attributes.fill).toBe(zeroColor);
    const texts = allElements(legend)
      .filter((e) => e.name === 'text')
      .map((e) => e.text);
    expect(texts).toContain('0');
    expect(texts).not.toContain('-1');
    expect(() => heatmapSvg({ ...gate, scale: 'log' as never })).toThrow(
      'scale must be "diverging" or "positive", got "log"',
    );
  });

  it('has a legend with its numbers and labelled axes', () => {
    const root = parseSvg(heatmapSvg({ ...small, legendLabel: 'activation' }));
    const legendTexts = allElements(byClass(root, 'legend'))
      .filter((e) => e.name === 'text')
      .map((e) => e.text);
    expect(legendTexts).toEqual(expect.arrayContaining(['2', '-2', 'activation']));
    const swatches = byClass(root, 'legend').children.filter((e) => e.name === 'rect');
    expect(swatches[0].attributes.fill).toBe(positiveColor);
    const axis = byClass(root, 'axes');
    const axisTexts = allElements(axis).map((e) => e.text);
    expect(axisTexts).toEqual(expect.arrayContaining(['time step', 'unit']));
    // Step ticks sit below the cells (text-anchor middle), unit ticks left of them (text-anchor end).
    const steps = axis.children.filter(
      (e) => e.name === 'text' && e.attributes['text-anchor'] === 'middle' && !e.attributes.transform,
    );
    const units = axis.children.filter((e) => e.name === 'text' && e.attributes['text-anchor'] === 'end');
    expect(steps.map((e) => e.text)).toEqual(['0', '2', 'time step']);
    expect(units.map((e) => e.text)).toEqual(['0', '1', '2']);
  });

  it('names rows when given names, and the axes as asked', () => {
    const root = parseSvg(
      heatmapSvg({ ...small, rowNames: ['input', 'forget', 'output'], rowLabel: 'gate', columnLabel: 'step' }),
    );
    const axisTexts = allElements(byClass(root, 'axes')).map((e) => e.text);
    expect(axisTexts).toEqual(expect.arrayContaining(['input', 'forget', 'output', 'gate', 'step']));
  });

  it('writes a name under each column, centred on it, above the step numbers', () => {
    const root = parseSvg(heatmapSvg({ ...small, columnNames: ['R', 'O', 'M', 'E'] }));
    const axis = byClass(root, 'axes');
    const names = byClass(axis, 'column-names').children;
    expect(names.map((e) => e.text)).toEqual(['R', 'O', 'M', 'E']);
    const cells = byClass(root, 'cells').children;
    const centre = (c: number) => Number(cells[c].attributes.x) + Number(cells[c].attributes.width) / 2;
    names.forEach((name, c) => expect(Number(name.attributes.x)).toBeCloseTo(centre(c), 5));
    // The step numbers are still there, below the names.
    const steps = axis.children.filter(
      (e) => e.name === 'text' && e.attributes['text-anchor'] === 'middle' && /^\d+$/.test(e.text),
    );
    expect(steps.map((e) => e.text)).toEqual(['0', '2']);
    const bottom = Number(cells[0].attributes.y) + 3 * Number(cells[0].attributes.height);
    expect(Number(names[0].attributes.y)).toBeGreaterThan(bottom);
    expect(Number(steps[0].attributes.y)).toBeGreaterThan(Number(names[0].attributes.y));
    // Without names there is no row of them, and the axis's name sits a band higher.
    const plain = parseSvg(heatmapSvg(small));
    expect(allElements(plain).some((e) => e.attributes.class === 'column-names')).toBe(false);
    const axisName = (svg: typeof root) => allElements(svg).find((e) => e.text === 'time step');
    expect(Number(axisName(root)?.attributes.y)).toBe(Number(axisName(plain)?.attributes.y) + 14);
    // A tall heatmap grows by the band, so nothing is cut off at the bottom.
    const tall = { values: new Float32Array(30 * 4), rows: 30, columns: 4, cellHeight: 10 };
    const height = (options: HeatmapOptions) => Number(parseSvg(heatmapSvg(options)).attributes.height);
    expect(height({ ...tall, columnNames: ['a', 'b', 'c', 'd'] })).toBe(height(tall) + 14);
  });

  it('leaves out a column name that would overlap the one before, and cuts long ones', () => {
    const columns = 40;
    const values = new Float32Array(columns);
    const columnNames = Array.from({ length: columns }, (_, c) => (c === 39 ? 'a very long name indeed' : `${c}.5`));
    const root = parseSvg(heatmapSvg({ values, rows: 1, columns, columnNames, cellWidth: 10 }));
    const shown = byClass(root, 'column-names').children;
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(columns);
    expect(shown[0].text).toBe('0.5');
    const edges = shown.map((e) => [
      Number(e.attributes.x) - (e.text.length * 6.6) / 2,
      Number(e.attributes.x) + (e.text.length * 6.6) / 2,
    ]);
    for (let i = 1; i < edges.length; i++) expect(edges[i][0]).toBeGreaterThanOrEqual(edges[i - 1][1]);
    expect(
      heatmapSvg({ values, rows: 1, columns, columnNames: ['a very long name indeed', ...columnNames.slice(1)] }),
    ).toContain('a very long…');
  });

  it('plots a line above the cells on the same time axis', () => {
    const line = { values: [0, 1, NaN, 3], label: 'input x' };
    const root = parseSvg(heatmapSvg({ ...small, line }));
    const strip = byClass(root, 'input-line');
    const path = allElements(strip).find((e) => e.attributes.class === 'line');
    expect(path?.attributes.d).toMatch(/^M[\d.]+ [\d.]+L[\d.]+ [\d.]+M[\d.]+ [\d.]+h0$/); // a gap at NaN
    const cells = byClass(root, 'cells').children;
    // Step 0's point sits over the centre of step 0's cells.
    const x0 = Number(path?.attributes.d.slice(1).split(' ')[0]);
    expect(x0).toBeCloseTo(Number(cells[0].attributes.x) + Number(cells[0].attributes.width) / 2, 1);
    expect(allElements(strip).some((e) => e.text === 'input x')).toBe(true);
  });

  it('escapes every text it writes', () => {
    const evil = '<b>&"\'</svg>';
    const svg = heatmapSvg({
      ...small,
      title: evil,
      rowLabel: evil,
      columnLabel: evil,
      legendLabel: evil,
      rowNames: [evil, 'a & b', '\u0000'],
      columnNames: [evil, '<', '&', '"'],
      line: { values: [1, 2, 3, 4], label: evil },
    });
    const root = parseSvg(svg);
    expect(svg).not.toContain('<b>');
    expect(allElements(root).filter((e) => e.text === evil).length).toBeGreaterThanOrEqual(6);
    expect(byClass(root, 'column-names').children.map((e) => e.text)).toContain('&');
  });

  it('draws NaN and infinite values grey and never writes NaN into an attribute', () => {
    const values = [NaN, Infinity, -Infinity, 1, -1, 0];
    const svg = heatmapSvg({ values, rows: 2, columns: 3, line: { values: [NaN, NaN, NaN], label: 'x' } });
    const cells = cellsOf(svg); // parseSvg refuses NaN in attributes
    expect(cells.slice(0, 3).map((c) => c.attributes.fill)).toEqual([missingColor, missingColor, missingColor]);
    expect(cells[3].attributes.fill).toBe(positiveColor);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('handles constant, all-zero, all-NaN, one-cell and empty data without dividing by zero', () => {
    for (const options of [
      { values: [3, 3, 3, 3], rows: 2, columns: 2 },
      { values: new Float32Array(6), rows: 2, columns: 3, line: { values: [1, 1, 1], label: 'flat' } },
      { values: [NaN, NaN], rows: 1, columns: 2 },
      { values: [-0.5], rows: 1, columns: 1 },
      { values: [], rows: 0, columns: 5 },
      { values: [], rows: 3, columns: 0, line: { values: [], label: 'x' } },
      { values: [Number.MAX_VALUE, -Number.MAX_VALUE], rows: 1, columns: 2 },
    ]) {
      const cells = cellsOf(heatmapSvg(options));
      expect(cells).toHaveLength(options.values.length);
    }
    expect(cellsOf(heatmapSvg({ values: new Float32Array(6), rows: 2, columns: 3 }))[0].attributes.fill).toBe(
      zeroColor,
    );
  });

  it('is deterministic: equal input, equal string', () => {
    const a = heatmapSvg({ ...small, title: 't', line: { values: [1, 2, 3, 4], label: 'x' } });
    const b = heatmapSvg({
      ...small,
      values: Array.from(small.values),
      title: 't',
      line: { values: [1, 2, 3, 4], label: 'x' },
    });
    expect(a).toBe(b);
  });

  it('scales to 100 units x 200 steps', () => {
    const values = Float32Array.from({ length: 100 * 200 }, (_, i) => Math.sin(i / 37));
    expect(cellsOf(heatmapSvg({ values, rows: 100, columns: 200 }))).toHaveLength(20000);
  });

  it('refuses options that do not describe a heatmap, naming the argument', () => {
    expect(() => heatmapSvg({ values: [1, 2, 3], rows: 2, columns: 2 })).toThrow(/values must hold rows x columns = 4/);
    expect(() => heatmapSvg({ values: [], rows: -1, columns: 0 })).toThrow(/rows must be an integer >= 0/);
    expect(() => heatmapSvg({ values: [1], rows: 1, columns: 1.5 })).toThrow(/columns must be an integer >= 0/);
    expect(() => heatmapSvg({ ...small, rowNames: ['a'] })).toThrow(/rowNames must hold one name per row \(3\)/);
    expect(() => heatmapSvg({ ...small, columnNames: ['a', 'b'] })).toThrow(
      /columnNames must hold one name per column \(4\), got 2/,
    );
    expect(() => heatmapSvg({ ...small, limit: 0 })).toThrow(/limit must be a finite number > 0/);
    expect(() => heatmapSvg({ ...small, cellWidth: NaN })).toThrow(/cellWidth/);
    expect(() => heatmapSvg({ ...small, line: { values: [1], label: 'x' } })).toThrow(
      /line.values must hold one value per column \(4\)/,
    );
    expect(() => heatmapSvg({ ...small, rows: 2 })).toThrow(RangeError);
  });
});
