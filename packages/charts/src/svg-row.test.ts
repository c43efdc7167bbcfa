import { lineChartSvg } from './line-chart-svg';
import { svgRow } from './svg-row';
import { parseSvg } from './xml-check.testing';

describe('svgRow', () => {
  const a = lineChartSvg({ series: [{ name: 'a', points: [1, 2, 3] }], width: 300, height: 200 });
  const b = lineChartSvg({ series: [{ name: 'b', points: [3, 2, 1] }], width: 400, height: 250 });

  it('places the documents left to right in one well-formed SVG as wide as all of them', () => {
    const row = parseSvg(svgRow([a, b], 10));
    const [first, second] = row.children.filter((c) => c.name === 'svg');
    expect(Number(row.attributes.width)).toBe(Number(first.attributes.width) + 10 + Number(second.attributes.width));
    expect(Number(row.attributes.height)).toBe(
      Math.max(Number(first.attributes.height), Number(second.attributes.height)),
    );
    expect(first.attributes.x).toBe('0');
    expect(Number(second.attributes.x)).toBe(Number(first.attributes.width) + 10);
  });

  it('refuses what is not a sized SVG document, and an empty row', () => {
    expect(() => svgRow([])).toThrow(/at least one/);
    expect(() => svgRow(['<p>no</p>'])).toThrow(/documents\[0\] must be an SVG document/);
    expect(() => svgRow([a], -1)).toThrow(/gap must be/);
  });
});
