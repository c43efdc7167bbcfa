import { lineChartSvg } from '@rnn/charts';

/** One wave: the true values and the ones a model generated on its own. */
export interface WaveView {
  /** The input in the task's printed form (a generator's one-hot code, a sine's first values...). */
  readonly input: string;
  readonly truth: readonly number[];
  /** The generated values, the first one at step `generatedFrom`. */
  readonly generated: readonly number[];
  /** The step of the first generated value: 0 for a generator, `prime - 1` for a closed loop. */
  readonly generatedFrom: number;
}

/** One line chart per wave: the true values and, dashed over them, the ones generated in closed loop. */
export function waveChartsSvg(waves: readonly WaveView[]): string {
  return waves
    .map((wave, i) =>
      lineChartSvg({
        title: `fresh wave ${i + 1}: ${wave.input.length > 60 ? `${wave.input.slice(0, 57)}...` : wave.input}`,
        xLabel: 'step',
        yLabel: 'value',
        // The legend takes about 240 px; the rest is the plot, wide enough for ten periods of a sine.
        width: 720,
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
