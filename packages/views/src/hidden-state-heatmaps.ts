import { heatmapSvg, transposeRowMajor } from '@rnn/charts';
import { visibleSymbol } from './visible-symbol';

/** One recurrent layer's values over the steps of one input, each row-major `[steps, units]`. */
export interface LayerStates {
  /** The layer's index, bottom first from 0. */
  readonly layer: number;
  /** The cell kind, e.g. `lstm`. */
  readonly kind: string;
  readonly units: number;
  readonly steps: number;
  readonly hidden: ArrayLike<number>;
  /** LSTM only: the cell state. */
  readonly cell?: ArrayLike<number>;
  /** LSTM and GRU: each gate's activations. */
  readonly gates?: readonly { readonly name: string; readonly values: ArrayLike<number> }[];
}

/** The recorded layers of one input: an encoder-decoder's decoder comes after its encoder. */
export interface HiddenStates {
  readonly layers: readonly LayerStates[];
  readonly decoderLayers?: readonly LayerStates[];
  /**
   * What `layers` read at each step (a character, a bit, a digit), one per step: written under the
   * columns of their heatmaps. The decoder's heatmaps, which read the model's own outputs, have none.
   */
  readonly labels?: readonly string[];
}

/** What {@link layerHeatmapSvg} draws besides the layer. */
export interface LayerHeatmapOptions {
  readonly title: string;
  /** Row-major `[steps, units]` values of the layer; default its hidden state. */
  readonly values?: ArrayLike<number>;
  /** What the colours measure; default `h`. */
  readonly legendLabel?: string;
  /** One value per step, drawn above the cells (the input the layer read). */
  readonly input?: readonly number[];
  /**
   * One symbol per step, written under its column (the characters, bits or digits the layer read),
   * whitespace as the glyph that stands for it; ignored unless there is one per step.
   */
  readonly labels?: readonly string[];
  /** The colour scale's end (1 for a gate, whose values lie in 0..1); default the largest |value|. */
  readonly limit?: number;
  /** `positive` for values that are never negative (a sigmoid gate's): white at 0, red at the limit. */
  readonly scale?: 'diverging' | 'positive';
}

/** The gates that are sigmoids, in 0..1: LSTM's input, forget and output gates, GRU's update and reset. */
const sigmoidGates = new Set(['input', 'forget', 'output', 'update', 'reset']);

/** The narrowest cell of a labelled step: a character of the labels' 11 px monospace fits in it. */
const labelledCellWidth = 12;

/** A cell width that keeps the picture readable: wide cells for a few steps, room for labels. */
function cellWidthOf(steps: number, labelled: boolean): number | undefined {
  if (steps < 20) return Math.ceil(400 / steps);
  // The chart's own default fits the steps in about 720 px; labels need at least a character each.
  return labelled && Math.floor(720 / steps) < labelledCellWidth ? labelledCellWidth : undefined;
}

/**
 * One layer's values over the steps of an input as a heatmap: a row per unit, a column per step,
 * the input above and its symbols below when given; a few steps get wide cells, and labelled ones
 * at least a character's width, so the picture stays readable.
 */
export function layerHeatmapSvg(layer: LayerStates, options: LayerHeatmapOptions): string {
  const { input } = options;
  const labels = options.labels?.length === layer.steps ? options.labels : undefined;
  const cellWidth = cellWidthOf(layer.steps, labels !== undefined);
  return heatmapSvg({
    values: transposeRowMajor(options.values ?? layer.hidden, layer.steps, layer.units),
    rows: layer.units,
    columns: layer.steps,
    title: options.title,
    legendLabel: options.legendLabel ?? 'h',
    ...(cellWidth !== undefined ? { cellWidth } : {}),
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(options.scale !== undefined ? { scale: options.scale } : {}),
    ...(input && input.length === layer.steps ? { line: { values: input, label: 'input' } } : {}),
    ...(labels ? { columnNames: labels.map(visibleSymbol) } : {}),
  });
}

function layerSvgs(
  layers: readonly LayerStates[],
  where: string,
  gates: boolean,
  labels: readonly string[] | undefined,
): string[] {
  const layerHeatmap = (
    values: ArrayLike<number>,
    layer: LayerStates,
    title: string,
    legendLabel: string,
    scale?: Pick<LayerHeatmapOptions, 'limit' | 'scale'>,
  ) => layerHeatmapSvg(layer, { title, values, legendLabel, ...scale, ...(labels ? { labels } : {}) });
  return layers.flatMap((layer) => {
    const name = `${where}layer ${layer.layer + 1} (${layer.kind} ${layer.units})`;
    const hidden = layerHeatmap(layer.hidden, layer, `${name}: hidden state h`, 'h');
    if (!gates) return [hidden];
    return [
      hidden,
      ...(layer.cell ? [layerHeatmap(layer.cell, layer, `${name}: cell state c`, 'c')] : []),
      // A gate's colours span its whole range: 0..1 for a sigmoid, -1..1 for a tanh (cell, candidate).
      ...(layer.gates ?? []).map((g) =>
        layerHeatmap(g.values, layer, `${name}: ${g.name} gate`, g.name, {
          limit: 1,
          scale: sigmoidGates.has(g.name) ? 'positive' : 'diverging',
        }),
      ),
    ];
  });
}

/**
 * Every hidden unit at every step as heatmaps, one per layer (and, unless `gates` is false, per
 * gate and cell state of LSTM and GRU layers), the decoder's after an encoder's, each in a
 * `<figure class="heatmap">`; the record's labels, when it has them, under the input's columns.
 */
export function hiddenStateSvgs(record: HiddenStates, options: { readonly gates?: boolean } = {}): string {
  const encoder = record.decoderLayers ? 'encoder ' : '';
  const gates = options.gates ?? true;
  return [
    ...layerSvgs(record.layers, encoder, gates, record.labels),
    ...(record.decoderLayers ? layerSvgs(record.decoderLayers, 'decoder ', gates, undefined) : []),
  ]
    .map((svg) => `<figure class="heatmap">${svg}</figure>`)
    .join('');
}
