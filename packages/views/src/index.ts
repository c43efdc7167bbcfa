/**
 * What a trained recipe shows, as HTML and SVG strings: fresh examples with marks, waves generated
 * in closed loop against the true ones, hidden states as heatmaps, parity probabilities as bars,
 * training curves, and the tour's self-contained report. The playground and the `rnn` command draw
 * with the same functions. Pure TypeScript over plain data: no DOM, no tfjs.
 *
 * @packageDocumentation
 */
export { escapeHtml } from './escape-html';
export { recipeViewsOf } from './recipe-views';
export type { RecipeKind, RecipeViews } from './recipe-views';
export { examplesTableHtml } from './examples-table';
export type { ExampleRow } from './examples-table';
export { waveChartsSvg } from './wave-charts';
export type { WaveView } from './wave-charts';
export { hiddenStateSvgs, layerHeatmapSvg } from './hidden-state-heatmaps';
export type { HiddenStates, LayerHeatmapOptions, LayerStates } from './hidden-state-heatmaps';
export { parityTableHtml } from './parity-table';
export type { ParityAnswer } from './parity-table';
export { historyChartsSvg, historySvg } from './history-charts';
export type { HistoryChartSize, HistoryCurves, HistoryEpoch } from './history-charts';
export { formatMetric, tourReportHtml } from './tour-report';
export type { TextSample, TourExercise, TourReport } from './tour-report';
