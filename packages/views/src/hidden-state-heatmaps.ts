import { heatmapSvg, transposeRowMajor } from '@rnn/charts';

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
}

/** A layer's [steps, units] values as a heatmap with one row per unit and one column per step. */
function layerHeatmap(values: ArrayLike<number>, layer: LayerStates, title: string, legendLabel: string): string {
  return heatmapSvg({
    values: transposeRowMajor(values, layer.steps, layer.units),
    rows: layer.units,
    columns: layer.steps,
    title,
    legendLabel,
  });
}

function layerSvgs(layers: readonly LayerStates[], where: string, gates: boolean): string[] {
  return layers.flatMap((layer) => {
    const name = `${where}layer ${layer.layer + 1} (${layer.kind} ${layer.units})`;
    const hidden = layerHeatmap(layer.hidden, layer, `${name}: hidden state h`, 'h');
    if (!gates) return [hidden];
    return [
      hidden,
      ...(layer.cell ? [layerHeatmap(layer.cell, layer, `${name}: cell state c`, 'c')] : []),
      ...(layer.gates ?? []).map((g) => layerHeatmap(g.values, layer, `${name}: ${g.name} gate`, g.name)),
    ];
  });
}

/**
 * Every hidden unit at every step as heatmaps, one per layer (and, unless `gates` is false, per
 * gate and cell state of LSTM and GRU layers), the decoder's after an encoder's, each in a
 * `<figure class="heatmap">`.
 */
export function hiddenStateSvgs(record: HiddenStates, options: { readonly gates?: boolean } = {}): string {
  const encoder = record.decoderLayers ? 'encoder ' : '';
  const gates = options.gates ?? true;
  return [
    ...layerSvgs(record.layers, encoder, gates),
    ...(record.decoderLayers ? layerSvgs(record.decoderLayers, 'decoder ', gates) : []),
  ]
    .map((svg) => `<figure class="heatmap">${svg}</figure>`)
    .join('');
}
