import { divergingColor } from './diverging-color';
import { formatTick, formatValue } from './format-tick';
import { clampForLayout, finiteExtent, linearScale } from './layout-range';
import { niceTicks } from './nice-ticks';
import { polylinePath } from './polyline-path';
import { svgDocument, svgElement, svgText } from './svg-element';
import { svgNumber } from './svg-number';
import { textWidth, truncateLabel } from './text-width';

/** A line plotted above a heatmap on the same time axis: one value per column (the input sequence, say). */
export interface HeatmapLine {
  /** One value per column; NaN and ±Infinity leave a gap. */
  readonly values: ArrayLike<number>;
  /** What the line is, written beside it. */
  readonly label: string;
}

/** What {@link heatmapSvg} draws. */
export interface HeatmapOptions {
  /** rows x columns values, row-major: row r, column c at `r * columns + c`. NaN and ±Infinity are drawn grey. */
  readonly values: ArrayLike<number>;
  /** How many rows (hidden units, say); integer >= 0. Row 0 is at the top. */
  readonly rows: number;
  /** How many columns (time steps, say); integer >= 0. */
  readonly columns: number;
  /** A title above the picture. */
  readonly title?: string;
  /** The name of the vertical axis; default `unit`. */
  readonly rowLabel?: string;
  /** The name of the horizontal axis; default `time step`. */
  readonly columnLabel?: string;
  /** One name per row, written beside it instead of row numbers (gate names, say). */
  readonly rowNames?: readonly string[];
  /**
   * One name per column, written under it above the step numbers: what was read at each step (the
   * characters, bits or digits of the input), so a column can be matched with its input at a glance.
   * A name that would overlap the one before it is left out; names are cut to 12 characters.
   */
  readonly columnNames?: readonly string[];
  /** What the colours measure, written above the legend. */
  readonly legendLabel?: string;
  /**
   * The colour scale runs from -limit (blue) through 0 (white) to +limit (red); values beyond are
   * clamped. Default the largest |value| (1 when every value is 0 or missing), so the scale is symmetric.
   */
  readonly limit?: number;
  /**
   * `diverging` (the default) runs from -limit through 0 to +limit; `positive` from 0 (white) to
   * +limit (red) only, for values that are never negative (a sigmoid gate's, in 0..1), so their
   * differences use the whole scale instead of its upper half.
   */
  readonly scale?: 'diverging' | 'positive';
  /** Width of one cell in pixels, > 0; default fits the columns in about 720 px (1 to 24 px each). */
  readonly cellWidth?: number;
  /** Height of one cell in pixels, > 0; default fits the rows in about 360 px (1 to 24 px each). */
  readonly cellHeight?: number;
  /** A line plotted above the cells on the same time axis. */
  readonly line?: HeatmapLine;
}

// Odd, so that one swatch is exactly 0 (white) and the ends are exactly ±limit.
const legendSwatches = 65;
const legendWidth = 14;
const lineStripHeight = 64;
/** The band under the cells that holds the column names, when there are any. */
const columnNamesHeight = 14;
const axisColor = '#444444';
const gridColor = '#e5e5e5';

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be an integer >= 0, got ${value}`);
}

function checkSize(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}

function checkOptions(options: HeatmapOptions): void {
  const { values, rows, columns, rowNames, columnNames, limit, line } = options;
  checkCount('rows', rows);
  checkCount('columns', columns);
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
    throw new RangeError('values must be an array or typed array of rows x columns numbers');
  }
  if (values.length !== rows * columns) {
    throw new RangeError(`values must hold rows x columns = ${rows * columns} numbers, got ${values.length}`);
  }
  if (rowNames !== undefined && rowNames.length !== rows) {
    throw new RangeError(`rowNames must hold one name per row (${rows}), got ${rowNames.length}`);
  }
  if (columnNames !== undefined && columnNames.length !== columns) {
    throw new RangeError(`columnNames must hold one name per column (${columns}), got ${columnNames.length}`);
  }
  if (limit !== undefined && !(Number.isFinite(limit) && limit > 0)) {
    throw new RangeError(`limit must be a finite number > 0, got ${limit}`);
  }
  if (options.scale !== undefined && options.scale !== 'diverging' && options.scale !== 'positive') {
    throw new RangeError(`scale must be "diverging" or "positive", got ${JSON.stringify(options.scale)}`);
  }
  checkSize('cellWidth', options.cellWidth);
  checkSize('cellHeight', options.cellHeight);
  if (line !== undefined && line.values?.length !== columns) {
    throw new RangeError(`line.values must hold one value per column (${columns}), got ${line.values?.length}`);
  }
}

/** The symmetric colour limit: the largest finite |value|, or 1 when there is none but 0. */
function limitOf(values: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    const v = Math.abs(values[i]);
    if (Number.isFinite(v) && v > largest) largest = v;
  }
  return largest > 0 ? clampForLayout(largest) : 1;
}

/** Labels of `ticks` placed by `position`, dropping any closer than `gap` pixels to the one before. */
function spaced<T>(ticks: readonly T[], position: (tick: T) => number, gap: number): T[] {
  const kept: T[] = [];
  for (const tick of ticks) {
    if (kept.length === 0 || Math.abs(position(tick) - position(kept[kept.length - 1])) >= gap) kept.push(tick);
  }
  return kept;
}

/**
 * The column names under the cells, in monospace (characters line up with their columns), each
 * centred on its column; one that would overlap the last one kept is left out.
 */
function columnNameRow(names: readonly string[], columnX: (c: number) => number, y: number): string {
  const texts: string[] = [];
  let right = -Infinity;
  names.forEach((name, c) => {
    const shown = truncateLabel(name, 12);
    const half = textWidth(shown, 11) / 2;
    if (columnX(c) - half < right + 2) return;
    right = columnX(c) + half;
    texts.push(svgText(shown, { x: columnX(c), y, 'text-anchor': 'middle', 'font-size': 11 }));
  });
  return svgElement('g', { class: 'column-names', 'font-family': 'monospace' }, texts);
}

/** The line above the cells: its own y axis (nice ticks), x at the cell centres. */
function lineStrip(line: HeatmapLine, left: number, top: number, columnX: (c: number) => number, width: number) {
  const parts: string[] = [];
  const bottom = top + lineStripHeight;
  const extent = finiteExtent(Array.from(line.values));
  const ticks = niceTicks(extent?.min ?? 0, extent?.max ?? 1, { count: 2 });
  const y = linearScale(ticks.min, ticks.max, bottom, top);
  for (const tick of ticks.ticks) {
    parts.push(
      svgElement('line', { x1: left, x2: left + width, y1: y(tick), y2: y(tick), stroke: gridColor }),
      svgText(formatTick(tick), { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', 'font-size': 10 }),
    );
  }
  const d = polylinePath(
    Array.from(line.values, (v, c): [number, number] | undefined =>
      Number.isFinite(v) ? [columnX(c), y(v)] : undefined,
    ),
  );
  if (d !== '') {
    parts.push(
      svgElement('path', {
        class: 'line',
        d,
        fill: 'none',
        stroke: '#333333',
        'stroke-width': 1.5,
        'stroke-linejoin': 'round',
        'stroke-linecap': 'round',
      }),
    );
  }
  parts.push(svgElement('rect', { x: left, y: top, width, height: lineStripHeight, fill: 'none', stroke: axisColor }));
  parts.push(svgText(truncateLabel(line.label, 60), { x: left + 4, y: top - 4, 'font-size': 11 }));
  return svgElement('g', { class: 'input-line' }, parts);
}

/**
 * A heatmap as an SVG document: one cell per value (rows are units, columns time steps), coloured on
 * a diverging scale centred on 0 (blue negative, white 0, red positive) symmetric around the largest
 * |value|, with a colour legend and its numbers, both axes labelled, and optionally a line above the
 * cells on the same time axis (the input sequence) and the input's symbols under the columns. Cells are `<rect>`s in `<g class="cells">`, row by
 * row. The same options always give the same string.
 *
 * @example
 * import { writeFileSync } from 'node:fs';
 * const svg = heatmapSvg({ values: hidden, rows: 100, columns: 200, title: 'SimpleRNN-100',
 *   line: { values: input, label: 'input' } });
 * writeFileSync('hidden.svg', svg);
 */
export function heatmapSvg(options: HeatmapOptions): string {
  checkOptions(options);
  const { values, rows, columns, title, rowNames, columnNames, line } = options;
  const rowLabel = options.rowLabel ?? 'unit';
  const columnLabel = options.columnLabel ?? 'time step';
  const limit = options.limit ?? limitOf(values);
  /** The bottom of the legend: -limit on a diverging scale, 0 on a positive one. */
  const low = options.scale === 'positive' ? 0 : -limit;
  const empty = rows === 0 || columns === 0;
  const cellWidth = options.cellWidth ?? Math.max(1, Math.min(24, Math.floor(720 / Math.max(1, columns))));
  const cellHeight = options.cellHeight ?? Math.max(1, Math.min(24, Math.floor(360 / Math.max(1, rows))));
  const plotWidth = empty ? 160 : columns * cellWidth;
  const plotHeight = empty ? 80 : rows * cellHeight;

  const names = rowNames?.map((name) => truncateLabel(name, 24));
  const rowTickWidth = names
    ? Math.max(0, ...names.map((name) => textWidth(name, 11)))
    : textWidth(String(Math.max(0, rows - 1)), 11);
  const left = 26 + Math.max(30, rowTickWidth + 10);
  const top = (title ? 32 : 12) + (line ? lineStripHeight + 24 : 0);
  const legendHeight = Math.min(400, Math.max(120, plotHeight));
  const legendX = left + plotWidth + 24;
  const legendTextWidth = Math.max(textWidth(formatValue(limit), 11), textWidth(formatValue(low), 11));
  const shownTitle = title ? truncateLabel(title, 120) : '';
  const width = Math.max(
    legendX + legendWidth + 8 + legendTextWidth + 12,
    legendX + textWidth(options.legendLabel ?? '', 11) + 12,
    // A heatmap of a few steps is narrow: the picture widens to its title (bold, so a little wider).
    left + textWidth(shownTitle, 14) * 1.1 + 12,
  );
  const namesBand = columnNames && !empty ? columnNamesHeight : 0;
  const height = top + Math.max(plotHeight + namesBand, legendHeight) + 48;

  const columnX = (c: number) => left + (c + 0.5) * cellWidth;
  const rowY = (r: number) => top + (r + 0.5) * cellHeight;
  const parts: string[] = [];
  if (title) {
    parts.push(svgText(title, {}, 'title'));
    parts.push(svgText(shownTitle, { x: left, y: 20, 'font-size': 14, 'font-weight': 'bold' }));
  }
  if (line && !empty) parts.push(lineStrip(line, left, top - lineStripHeight - 12, columnX, plotWidth));

  // Cells, row by row.
  const cells: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      cells.push(
        svgElement('rect', {
          x: left + c * cellWidth,
          y: top + r * cellHeight,
          width: cellWidth,
          height: cellHeight,
          fill: divergingColor(values[r * columns + c], limit),
        }),
      );
    }
  }
  parts.push(svgElement('g', { class: 'cells', 'shape-rendering': 'crispEdges' }, cells));
  parts.push(
    svgElement('rect', { x: left, y: top, width: plotWidth, height: plotHeight, fill: 'none', stroke: axisColor }),
  );
  if (empty) {
    parts.push(svgText('no data', { x: left + plotWidth / 2, y: top + plotHeight / 2 + 4, 'text-anchor': 'middle' }));
  }

  // Axes: time steps below, units (or row names) on the left, at cell centres.
  const axis: string[] = [];
  const bottom = top + plotHeight;
  if (!empty) {
    const columnTicks = niceTicks(0, columns - 1, { integer: true, count: Math.max(2, Math.floor(plotWidth / 60)) });
    for (const c of columnTicks.ticks.filter((t) => t <= columns - 1)) {
      axis.push(
        svgElement('line', { x1: columnX(c), x2: columnX(c), y1: bottom, y2: bottom + 4, stroke: axisColor }),
        svgText(formatTick(c), {
          x: columnX(c),
          y: bottom + namesBand + 16,
          'text-anchor': 'middle',
          'font-size': 11,
        }),
      );
    }
    if (columnNames) axis.push(columnNameRow(columnNames, columnX, bottom + 15));
    const rowTicks = names
      ? spaced(
          names.map((_, r) => r),
          rowY,
          11,
        )
      : niceTicks(0, rows - 1, { integer: true, count: Math.max(2, Math.floor(plotHeight / 30)) }).ticks.filter(
          (t) => t <= rows - 1,
        );
    for (const r of rowTicks) {
      axis.push(
        svgElement('line', { x1: left - 4, x2: left, y1: rowY(r), y2: rowY(r), stroke: axisColor }),
        svgText(names ? names[r] : formatTick(r), {
          x: left - 6,
          y: rowY(r) + 4,
          'text-anchor': 'end',
          'font-size': 11,
        }),
      );
    }
  }
  axis.push(
    svgText(columnLabel, { x: left + plotWidth / 2, y: bottom + namesBand + 36, 'text-anchor': 'middle' }),
    svgText(rowLabel, {
      x: 14,
      y: top + plotHeight / 2,
      'text-anchor': 'middle',
      transform: `rotate(-90 14 ${svgNumber(top + plotHeight / 2)})`,
    }),
  );
  parts.push(svgElement('g', { class: 'axes' }, axis));

  // The legend: +limit at the top, its low end (-limit, or 0) at the bottom, with its numbers.
  const legend: string[] = [];
  const swatch = legendHeight / legendSwatches;
  for (let i = 0; i < legendSwatches; i++) {
    const value = limit - ((limit - low) * i) / (legendSwatches - 1);
    legend.push(
      svgElement('rect', {
        x: legendX,
        y: top + i * swatch,
        width: legendWidth,
        height: swatch + 0.5, // overlap a little so no hairline shows between swatches
        fill: divergingColor(value, limit),
      }),
    );
  }
  legend.push(
    svgElement('rect', {
      x: legendX,
      y: top,
      width: legendWidth,
      height: legendHeight,
      fill: 'none',
      stroke: axisColor,
    }),
  );
  const legendY = linearScale(low, limit, top + legendHeight, top);
  const inner = niceTicks(low, limit, { count: 4 }).ticks.filter(
    (t) =>
      t > low && t < limit && Math.abs(legendY(t) - legendY(limit)) >= 14 && Math.abs(legendY(t) - legendY(low)) >= 14,
  );
  const legendLabels: [number, string][] = [
    [limit, formatValue(limit)],
    ...inner.map((t): [number, string] => [t, formatTick(t)]),
    [low, formatValue(low)],
  ];
  for (const [value, text] of legendLabels) {
    legend.push(
      svgElement('line', {
        x1: legendX + legendWidth,
        x2: legendX + legendWidth + 4,
        y1: legendY(value),
        y2: legendY(value),
        stroke: axisColor,
      }),
      svgText(text, { x: legendX + legendWidth + 7, y: legendY(value) + 4, 'font-size': 11 }),
    );
  }
  if (options.legendLabel) legend.push(svgText(options.legendLabel, { x: legendX, y: top - 6, 'font-size': 11 }));
  parts.push(svgElement('g', { class: 'legend', 'shape-rendering': 'crispEdges' }, legend));

  return svgDocument(width, height, parts);
}
