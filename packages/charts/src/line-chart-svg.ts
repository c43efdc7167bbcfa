import { formatTick } from './format-tick';
import { finiteExtent, linearScale } from './layout-range';
import { logTicks, niceTicks, type Ticks } from './nice-ticks';
import { polylinePath } from './polyline-path';
import { seriesColor } from './series-colors';
import { svgDocument, svgElement, svgText } from './svg-element';
import { svgNumber } from './svg-number';
import { textWidth, truncateLabel } from './text-width';

/** One line of a {@link lineChartSvg}. */
export interface LineSeries {
  /** The name in the legend. */
  readonly name: string;
  /**
   * `[x, y]` pairs in drawing order, or y values alone (x is then their index: 0, 1, 2, ...). Points
   * with a NaN or infinite coordinate (or y <= 0 on a logarithmic axis) are skipped, leaving a gap.
   */
  readonly points: ReadonlyArray<readonly [number, number]> | ArrayLike<number>;
  /** Draw the line dashed (a target beside a prediction, say); default false. */
  readonly dashed?: boolean;
  /** A CSS colour; default the next of `seriesColors`. */
  readonly color?: string;
}

/** What {@link lineChartSvg} draws. */
export interface LineChartOptions {
  /** The lines, drawn in order (later ones on top). May be empty. */
  readonly series: readonly LineSeries[];
  /** A title above the chart. */
  readonly title?: string;
  /** The name of the horizontal axis. */
  readonly xLabel?: string;
  /** The name of the vertical axis. */
  readonly yLabel?: string;
  /** A logarithmic y axis (for losses); values <= 0 cannot be drawn on it and are skipped. Default false. */
  readonly logY?: boolean;
  /** Width of the whole picture in pixels, >= 200; default 720. */
  readonly width?: number;
  /** Height of the whole picture in pixels, >= 150; default 400. */
  readonly height?: number;
}

const axisColor = '#444444';
const gridColor = '#e5e5e5';
const legendNameChars = 40;

/** A series' points as pairs, with the points that cannot be drawn as `undefined`. */
function pointsOf(series: LineSeries, index: number, logY: boolean): ([number, number] | undefined)[] {
  const { points } = series;
  if (points === null || typeof points !== 'object' || typeof points.length !== 'number') {
    throw new RangeError(`series[${index}].points must be an array of [x, y] pairs or of y values`);
  }
  const out: ([number, number] | undefined)[] = [];
  for (let i = 0; i < points.length; i++) {
    const point = (points as ArrayLike<unknown>)[i];
    let x: number;
    let y: number;
    if (typeof point === 'number') {
      x = i;
      y = point;
    } else if (Array.isArray(point) && point.length === 2 && point.every((v) => typeof v === 'number')) {
      [x, y] = point as [number, number];
    } else {
      throw new RangeError(
        `series[${index}].points[${i}] must be a number or an [x, y] pair of numbers, got ${JSON.stringify(point)}`,
      );
    }
    const drawable = Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0);
    out.push(drawable ? [x, y] : undefined);
  }
  return out;
}

function checkOptions(options: LineChartOptions): void {
  if (!Array.isArray(options?.series)) throw new RangeError('series must be an array of {name, points}');
  options.series.forEach((series, i) => {
    if (typeof series?.name !== 'string') throw new RangeError(`series[${i}].name must be a string`);
  });
  const { width, height } = options;
  if (width !== undefined && !(Number.isFinite(width) && width >= 200)) {
    throw new RangeError(`width must be a finite number >= 200, got ${width}`);
  }
  if (height !== undefined && !(Number.isFinite(height) && height >= 150)) {
    throw new RangeError(`height must be a finite number >= 150, got ${height}`);
  }
}

/**
 * A line chart as an SVG document: one `<path class="series">` per series that has a drawable point,
 * axes with ticks at nice numbers (1, 2 or 5 times a power of ten; powers of ten on a logarithmic
 * axis) that cover the data, light grid lines, and a legend with each series' name, colour and dash.
 * Made for loss curves and waves. The same options always give the same string.
 *
 * @example
 * lineChartSvg({
 *   title: 'loss', xLabel: 'epoch', yLabel: 'cross-entropy', logY: true,
 *   series: [{ name: 'train', points: trainLoss }, { name: 'validation', points: validLoss, dashed: true }],
 * });
 */
export function lineChartSvg(options: LineChartOptions): string {
  checkOptions(options);
  const { series, title, xLabel, yLabel } = options;
  const logY = options.logY ?? false;
  const width = options.width ?? 720;
  const height = options.height ?? 400;
  const points = series.map((s, i) => pointsOf(s, i, logY));
  const drawn = points.flat().filter((p): p is [number, number] => p !== undefined);

  const names = series.map((s) => truncateLabel(s.name, legendNameChars));
  const legendWidth = series.length === 0 ? 0 : 24 + 6 + Math.max(...names.map((n) => textWidth(n, 11))) + 16;
  const left = 64 + (yLabel ? 18 : 0);
  const right = 16 + legendWidth;
  const top = title ? 36 : 14;
  const bottom = 32 + (xLabel ? 18 : 0);
  const plotWidth = Math.max(60, width - left - right);
  const plotHeight = Math.max(60, height - top - bottom);
  const svgWidth = left + plotWidth + right;
  const svgHeight = top + plotHeight + bottom;

  const xExtent = finiteExtent(drawn.map((p) => p[0])) ?? { min: 0, max: 1 };
  const yExtent = finiteExtent(drawn.map((p) => p[1])) ?? (logY ? { min: 1, max: 10 } : { min: 0, max: 1 });
  const xTicks = niceTicks(xExtent.min, xExtent.max, { count: Math.max(2, Math.floor(plotWidth / 90)) });
  const yTicks: Ticks = logY
    ? logTicks(yExtent.min, yExtent.max)
    : niceTicks(yExtent.min, yExtent.max, { count: Math.max(2, Math.floor(plotHeight / 60)) });
  const x = linearScale(xTicks.min, xTicks.max, left, left + plotWidth);
  const yLinear = logY
    ? linearScale(Math.log10(yTicks.min), Math.log10(yTicks.max), top + plotHeight, top)
    : linearScale(yTicks.min, yTicks.max, top + plotHeight, top);
  const y = logY ? (v: number) => yLinear(Math.log10(v)) : yLinear;

  const parts: string[] = [];
  if (title) {
    parts.push(svgText(title, {}, 'title'));
    parts.push(svgText(truncateLabel(title, 120), { x: left, y: 22, 'font-size': 14, 'font-weight': 'bold' }));
  }

  const grid: string[] = [];
  const axes: string[] = [];
  const plotBottom = top + plotHeight;
  for (const tick of xTicks.ticks) {
    grid.push(svgElement('line', { x1: x(tick), x2: x(tick), y1: top, y2: plotBottom, stroke: gridColor }));
    axes.push(
      svgElement('line', { x1: x(tick), x2: x(tick), y1: plotBottom, y2: plotBottom + 4, stroke: axisColor }),
      svgText(formatTick(tick), { x: x(tick), y: plotBottom + 17, 'text-anchor': 'middle', 'font-size': 11 }),
    );
  }
  // On a log axis with 2 and 5 between the decades, only the decades get a label, so none overlap.
  const labelled = (tick: number) => !logY || yTicks.ticks.length <= 6 || Number.isInteger(Math.log10(tick));
  for (const tick of yTicks.ticks) {
    grid.push(svgElement('line', { x1: left, x2: left + plotWidth, y1: y(tick), y2: y(tick), stroke: gridColor }));
    axes.push(svgElement('line', { x1: left - 4, x2: left, y1: y(tick), y2: y(tick), stroke: axisColor }));
    if (labelled(tick)) {
      axes.push(svgText(formatTick(tick), { x: left - 7, y: y(tick) + 4, 'text-anchor': 'end', 'font-size': 11 }));
    }
  }
  axes.push(
    svgElement('rect', { x: left, y: top, width: plotWidth, height: plotHeight, fill: 'none', stroke: axisColor }),
  );
  if (xLabel) axes.push(svgText(xLabel, { x: left + plotWidth / 2, y: plotBottom + 38, 'text-anchor': 'middle' }));
  if (yLabel) {
    const cy = top + plotHeight / 2;
    axes.push(svgText(yLabel, { x: 16, y: cy, 'text-anchor': 'middle', transform: `rotate(-90 16 ${svgNumber(cy)})` }));
  }
  parts.push(svgElement('g', { class: 'grid', 'shape-rendering': 'crispEdges' }, grid));
  parts.push(svgElement('g', { class: 'axes' }, axes));

  const colors = series.map((s, i) => s.color ?? seriesColor(i));
  const lines: string[] = [];
  series.forEach((s, i) => {
    const d = polylinePath(points[i].map((p) => (p === undefined ? undefined : [x(p[0]), y(p[1])])));
    if (d === '') return;
    lines.push(
      svgElement('path', {
        class: 'series',
        d,
        fill: 'none',
        stroke: colors[i],
        'stroke-width': 1.75,
        'stroke-dasharray': s.dashed ? '6 4' : undefined,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      }),
    );
  });
  parts.push(svgElement('g', { class: 'lines' }, lines));

  const legend: string[] = [];
  const legendX = left + plotWidth + 16;
  series.forEach((s, i) => {
    const rowY = top + 8 + i * 18;
    legend.push(
      svgElement('line', {
        x1: legendX,
        x2: legendX + 24,
        y1: rowY,
        y2: rowY,
        stroke: colors[i],
        'stroke-width': 2,
        'stroke-dasharray': s.dashed ? '6 4' : undefined,
      }),
      svgText(names[i], { x: legendX + 30, y: rowY + 4, 'font-size': 11 }),
    );
  });
  parts.push(svgElement('g', { class: 'legend' }, legend));

  return svgDocument(svgWidth, svgHeight, parts);
}
