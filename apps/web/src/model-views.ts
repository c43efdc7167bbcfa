// The views inside a trained model: fresh examples with marks, closed-loop waves, and the hidden
// states of one input as heatmaps. Pure: they turn what the worker measured into HTML and SVG.
import { heatmapSvg, lineChartSvg, transposeRowMajor } from '@rnn/charts';
import type { HiddenStateRecord, LayerRecord } from '@rnn/models';
import type { FreshExample, RecipeWave, TargetMetric } from '@rnn/training';
import { escapeHtml } from './html';

/** What decides the views of a recipe: its task generator and its target's metric. */
export interface RecipeKind {
  readonly task: string;
  readonly target: { readonly metric: TargetMetric };
}

/** Which views of a trained model fit a recipe. */
export interface ModelViews {
  /** Fresh examples with ✓/✗: targets scored right or wrong on discrete outputs. */
  readonly examples: boolean;
  /** The generated wave against the true one: targets measured on waves run in closed loop. */
  readonly waves: boolean;
  /** Every hidden unit at every step: any recipe (the sentences model reads its prime). */
  readonly hiddenStates: boolean;
}

const discreteMetrics: readonly TargetMetric[] = ['accuracy', 'exactMatch', 'worstLengthAccuracy'];

/**
 * The views that fit a recipe: a right-or-wrong mark means something only where outputs are
 * symbols (sentences has its own view), and a wave picture only where the model runs on its own outputs.
 */
export function modelViewsOf(recipe: RecipeKind): ModelViews {
  const { metric } = recipe.target;
  return {
    examples: discreteMetrics.includes(metric) && recipe.task !== 'sentences',
    waves: metric === 'closedLoopMse' || (metric === 'mse' && recipe.task === 'waves'),
    hiddenStates: true,
  };
}

/** The fresh examples as a table: input, expected, predicted and a mark, with the count right. */
export function examplesTableHtml(rows: readonly FreshExample[]): string {
  const right = rows.filter((r) => r.correct).length;
  const body = rows
    .map(
      (r) =>
        `<tr class="${r.correct ? 'right' : 'wrong'}"><td><code>${escapeHtml(r.input)}</code></td>` +
        `<td><code>${escapeHtml(r.expected)}</code></td><td><code>${escapeHtml(r.predicted)}</code></td>` +
        `<td class="mark" aria-label="${r.correct ? 'right' : 'wrong'}">${r.correct ? '✓' : '✗'}</td></tr>`,
    )
    .join('');
  return (
    `<table class="examples" data-testid="examples-table">` +
    `<caption>${right} of ${rows.length} fresh examples right</caption>` +
    `<thead><tr><th scope="col">input</th><th scope="col">expected</th><th scope="col">predicted</th><th scope="col"></th></tr></thead>` +
    `<tbody>${body}</tbody></table>`
  );
}

/** One line chart per wave: the true values and, dashed over them, the ones generated in closed loop. */
export function waveChartsSvg(waves: readonly RecipeWave[]): string {
  return waves
    .map((wave, i) =>
      lineChartSvg({
        title: `fresh wave ${i + 1}: ${wave.input.length > 60 ? `${wave.input.slice(0, 57)}...` : wave.input}`,
        xLabel: 'step',
        yLabel: 'value',
        width: 560,
        height: 260,
        series: [
          { name: 'true', points: wave.truth },
          {
            name: wave.generatedFrom === 0 ? 'generated' : `generated after ${wave.generatedFrom + 1} true steps`,
            points: wave.generated.map((v, k): [number, number] => [wave.generatedFrom + k, v]),
            dashed: true,
          },
        ],
      }),
    )
    .join('');
}

/** A layer's [steps, units] values as a heatmap with one row per unit and one column per step. */
function layerHeatmap(values: Float32Array, layer: LayerRecord, title: string, legendLabel: string): string {
  return heatmapSvg({
    values: transposeRowMajor(values, layer.steps, layer.units),
    rows: layer.units,
    columns: layer.steps,
    title,
    legendLabel,
  });
}

function layerSvgs(layers: readonly LayerRecord[], where: string): string[] {
  return layers.flatMap((layer) => {
    const name = `${where}layer ${layer.layer + 1} (${layer.kind} ${layer.units})`;
    return [
      layerHeatmap(layer.hidden, layer, `${name}: hidden state h`, 'h'),
      ...(layer.cell ? [layerHeatmap(layer.cell, layer, `${name}: cell state c`, 'c')] : []),
      ...(layer.gates ?? []).map((g) => layerHeatmap(g.values, layer, `${name}: ${g.name} gate`, g.name)),
    ];
  });
}

/**
 * Every hidden unit at every step as heatmaps, one per layer (and per gate and cell state of LSTM
 * and GRU layers), the decoder's after an encoder's.
 */
export function hiddenStateSvgs(record: HiddenStateRecord): string {
  const encoder = record.decoderLayers ? 'encoder ' : '';
  return [
    ...layerSvgs(record.layers, encoder),
    ...(record.decoderLayers ? layerSvgs(record.decoderLayers, 'decoder ') : []),
  ]
    .map((svg) => `<figure class="heatmap">${svg}</figure>`)
    .join('');
}
