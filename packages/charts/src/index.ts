/**
 * Pictures as SVG strings, written from Node with no browser and no dependency: heatmaps of hidden
 * states (with the input sequence above them) and line charts of loss curves and waves. Pure
 * TypeScript, no DOM, no tfjs. Every text is escaped and NaN never reaches an attribute.
 *
 * @packageDocumentation
 */
export { heatmapSvg } from './heatmap-svg';
export type { HeatmapLine, HeatmapOptions } from './heatmap-svg';
export { lineChartSvg } from './line-chart-svg';
export type { LineChartOptions, LineSeries } from './line-chart-svg';
export { logTicks, niceTicks } from './nice-ticks';
export type { NiceTickOptions, Ticks } from './nice-ticks';
export { formatTick, formatValue } from './format-tick';
export { divergingColor, missingColor, negativeColor, positiveColor, zeroColor } from './diverging-color';
export { seriesColor, seriesColors } from './series-colors';
export { escapeXml } from './escape-xml';
export { transposeRowMajor } from './transpose-row-major';
export { svgRow } from './svg-row';
