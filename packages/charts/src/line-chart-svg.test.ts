import { lineChartSvg, type LineChartOptions } from './line-chart-svg';
import { seriesColors } from './series-colors';
import { allElements, byClass, parseSvg, type XmlElement } from './xml-check.testing';

const seriesPaths = (root: XmlElement) => allElements(root).filter((e) => e.attributes.class === 'series');
const texts = (root: XmlElement, className: string) =>
  allElements(byClass(root, className))
    .filter((e) => e.name === 'text')
    .map((e) => e.text);

/** The [x, y] pairs of a path's `d` (M and L commands). */
const pathPoints = (d: string) =>
  [...d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

const twoSeries: LineChartOptions = {
  title: 'loss',
  xLabel: 'epoch',
  yLabel: 'cross-entropy',
  series: [
    { name: 'train', points: [2.3, 1.7, 1.2, 0.9, 0.7] },
    {
      name: 'validation',
      points: [
        [0, 2.4],
        [2, 1.5],
        [4, 1.1],
      ],
      dashed: true,
    },
  ],
};

describe('lineChartSvg', () => {
  it('is a well-formed SVG with one path per series, distinct colours, the second dashed', () => {
    const root = parseSvg(lineChartSvg(twoSeries));
    const paths = seriesPaths(root);
    expect(paths).toHaveLength(2);
    expect(pathPoints(paths[0].attributes.d)).toHaveLength(5);
    expect(pathPoints(paths[1].attributes.d)).toHaveLength(3);
    expect(paths.map((p) => p.attributes.stroke)).toEqual(seriesColors.slice(0, 2));
    expect(paths[0].attributes['stroke-dasharray']).toBeUndefined();
    expect(paths[1].attributes['stroke-dasharray']).toBeDefined();
    expect(new Set(Array.from({ length: 10 }, (_, i) => seriesColors[i])).size).toBe(10);
  });

  it('has a legend with every name and the axis and chart titles', () => {
    const root = parseSvg(lineChartSvg(twoSeries));
    expect(texts(root, 'legend')).toEqual(['train', 'validation']);
    const legendLines = byClass(root, 'legend').children.filter((e) => e.name === 'line');
    expect(legendLines[1].attributes['stroke-dasharray']).toBeDefined();
    expect(texts(root, 'axes')).toEqual(expect.arrayContaining(['epoch', 'cross-entropy']));
    expect(allElements(root).some((e) => e.name === 'title' && e.text === 'loss')).toBe(true);
  });

  it('puts ticks at nice numbers covering the data, and every point inside the plot', () => {
    const root = parseSvg(lineChartSvg(twoSeries));
    const labels = texts(root, 'axes').filter((t) => /^-?[\d.]+$/.test(t));
    expect(labels).toEqual(expect.arrayContaining(['0', '1', '2', '3', '4', '0.5', '1.5', '2.5']));
    const frame = byClass(root, 'axes').children.find((e) => e.name === 'rect') as XmlElement;
    const [fx, fy, fw, fh] = ['x', 'y', 'width', 'height'].map((k) => Number(frame.attributes[k]));
    for (const path of seriesPaths(root)) {
      for (const [x, y] of pathPoints(path.attributes.d)) {
        expect(x).toBeGreaterThanOrEqual(fx);
        expect(x).toBeLessThanOrEqual(fx + fw);
        expect(y).toBeGreaterThanOrEqual(fy);
        expect(y).toBeLessThanOrEqual(fy + fh);
      }
    }
    // Larger values are higher up: train's first point (2.3) is above its last (0.7).
    const train = pathPoints(seriesPaths(root)[0].attributes.d);
    expect(train[0][1]).toBeLessThan(train[4][1]);
  });

  it('draws a logarithmic y axis at powers of ten and skips values <= 0 there', () => {
    const root = parseSvg(
      lineChartSvg({ logY: true, series: [{ name: 'loss', points: [100, 10, 0, -1, 1, 0.1, 0.05] }] }),
    );
    expect(texts(root, 'axes')).toEqual(expect.arrayContaining(['0.01', '0.1', '1', '10', '100']));
    const [path] = seriesPaths(root);
    expect(pathPoints(path.attributes.d)).toHaveLength(5);
    expect(path.attributes.d.match(/M/g)).toHaveLength(2); // the gap where 0 and -1 were
    const ys = pathPoints(path.attributes.d).map(([, y]) => y);
    // Equal ratios are equal distances: 100 -> 10 as far as 1 -> 0.1.
    expect(ys[1] - ys[0]).toBeCloseTo(ys[3] - ys[2], 1);
  });

  it('skips NaN and infinite points, leaving gaps, and never writes NaN into an attribute', () => {
    const svg = lineChartSvg({
      series: [
        { name: 'wave', points: [0, 1, NaN, 1, 0, Infinity, -1, -Infinity] },
        {
          name: 'pairs',
          points: [
            [NaN, 1],
            [1, 2],
            [2, NaN],
            [3, 4],
          ],
        },
        { name: 'nothing', points: [NaN, NaN] },
      ],
    });
    expect(svg).not.toMatch(/NaN|Infinity/);
    const root = parseSvg(svg);
    const paths = seriesPaths(root);
    expect(paths).toHaveLength(2); // a series with no drawable point has no path, but keeps its legend row
    expect(paths[0].attributes.d.match(/M/g)).toHaveLength(3);
    expect(pathPoints(paths[0].attributes.d)).toHaveLength(5);
    expect(paths[1].attributes.d).toMatch(/h0M.*h0$/); // two lone points, drawn as dots
    expect(texts(root, 'legend')).toEqual(['wave', 'pairs', 'nothing']);
  });

  it('handles no series, empty series and constant data without dividing by zero', () => {
    for (const options of [
      { series: [] },
      { series: [{ name: 'empty', points: [] }] },
      { series: [{ name: 'flat', points: [0.5, 0.5, 0.5] }] },
      { series: [{ name: 'zeros', points: [0, 0] }] },
      { series: [{ name: 'one point', points: [[3, 7]] as [number, number][] }] },
      { logY: true, series: [{ name: 'flat log', points: [2, 2] }] },
      { logY: true, series: [{ name: 'no positive', points: [0, -1] }] },
      { series: [{ name: 'huge', points: [Number.MAX_VALUE, -Number.MAX_VALUE] }] },
    ]) {
      const root = parseSvg(lineChartSvg(options));
      const expected = options.series.filter((s) => s.points.length > 0 && !s.name.includes('no positive')).length;
      expect(seriesPaths(root)).toHaveLength(expected);
    }
    const flat = pathPoints(
      seriesPaths(parseSvg(lineChartSvg({ series: [{ name: 'f', points: [1, 1] }] })))[0].attributes.d,
    );
    expect(flat[0][1]).toBe(flat[1][1]);
  });

  it('escapes every text it writes', () => {
    const evil = '</text><script>&"\'';
    const svg = lineChartSvg({
      title: evil,
      xLabel: evil,
      yLabel: evil,
      series: [{ name: evil, points: [1, 2], color: '"red" onload="x"' }],
    });
    expect(svg).not.toContain('<script>');
    const root = parseSvg(svg);
    expect(allElements(root).filter((e) => e.text === evil).length).toBe(5); // title, heading, 2 axes, legend
    expect(seriesPaths(root)[0].attributes.stroke).toBe('"red" onload="x"');
  });

  it('is deterministic: equal input, equal string', () => {
    expect(lineChartSvg(twoSeries)).toBe(lineChartSvg(JSON.parse(JSON.stringify(twoSeries))));
  });

  it('refuses options that do not describe a chart, naming the argument', () => {
    expect(() => lineChartSvg({} as LineChartOptions)).toThrow(/series must be an array/);
    expect(() => lineChartSvg({ series: [{ name: 'a', points: [[1, 2, 3]] as never }] })).toThrow(
      /series\[0\]\.points\[0\] must be a number or an \[x, y\] pair/,
    );
    expect(() => lineChartSvg({ series: [{ points: [1] } as never] })).toThrow(/series\[0\]\.name must be a string/);
    expect(() => lineChartSvg({ series: [], width: 10 })).toThrow(/width must be a finite number >= 200/);
  });
});
