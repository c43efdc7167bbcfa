import * as tf from '@tensorflow/tfjs';
import { checkInteger, createRng, type Dataset, type TypedTensor } from '@rnn/datasets';
import { buildModel, recordHiddenStates, type HiddenStateRecord, type RecurrentModel } from '@rnn/models';

/** One panel of an inspection: a layer's hidden state or one of its gates, units over time. */
export interface InspectionPanel {
  /** e.g. `layer 1 hidden state`, `layer 1 forget gate`, `decoder layer 1 hidden state`. */
  readonly name: string;
  readonly units: number;
  readonly steps: number;
  /** Row-major `[units, steps]`: unit u at step t is `values[u * steps + t]`, the layout of a heatmap. */
  readonly values: number[];
}

/** What {@link inspectModel} saw: the input read, and every panel. */
export interface Inspection {
  /** The input as one number per step (the value for one real feature, else the token id). */
  readonly input: number[];
  readonly panels: InspectionPanel[];
}

/** `[steps, units]` to `[units, steps]`, as plain numbers. */
function unitsOverTime(values: Float32Array, steps: number, units: number): number[] {
  const out = new Array<number>(units * steps);
  for (let t = 0; t < steps; t++) for (let u = 0; u < units; u++) out[u * steps + t] = values[t * units + u];
  return out;
}

function panelsOf(record: HiddenStateRecord): InspectionPanel[] {
  const panels: InspectionPanel[] = [];
  const add = (prefix: string, layers: HiddenStateRecord['layers']) => {
    for (const layer of layers) {
      const { steps, units } = layer;
      const name = `${prefix}layer ${layer.layer + 1}`;
      panels.push({ name: `${name} hidden state`, units, steps, values: unitsOverTime(layer.hidden, steps, units) });
      if (layer.cell)
        panels.push({ name: `${name} cell state`, units, steps, values: unitsOverTime(layer.cell, steps, units) });
      for (const gate of layer.gates ?? []) {
        panels.push({
          name: `${name} ${gate.name} gate`,
          units,
          steps,
          values: unitsOverTime(gate.values, steps, units),
        });
      }
    }
  };
  add('', record.layers);
  if (record.decoderLayers) add('decoder ', record.decoderLayers);
  return panels;
}

/** Encoded examples to look inside with: a data set, or one input parsed by `parseTaskInput`. */
export interface InspectedExamples {
  readonly inputs: TypedTensor;
  readonly lengths: Int32Array;
}

/**
 * Looks inside a model ("what's happening inside?"): runs it on example `index` of `data`, one step at
 * a time, and returns every layer's hidden state at every step (and an LSTM's cell state and gates, a
 * GRU's gates) as units over time, with the input beside them.
 */
export function inspectModel(model: RecurrentModel, data: InspectedExamples, index = 0): Inspection {
  const size = data.lengths.length;
  checkInteger('inspectModel', 'example index', index, 0, size - 1);
  const [, steps, features = 1] = data.inputs.shape;
  const length = data.lengths[index];
  const row = data.inputs.data.subarray(index * steps * features, (index + 1) * steps * features);
  const input = Array.from({ length }, (_, t) => row[t * features]);
  const x =
    data.inputs.data instanceof Int32Array
      ? tf.tensor(row, [1, steps], 'int32')
      : tf.tensor(row, [1, ...data.inputs.shape.slice(1)], 'float32');
  try {
    return { input, panels: panelsOf(recordHiddenStates(model, x, { length })) };
  } finally {
    x.dispose();
  }
}

/**
 * The RNN basics notebook's "What's happening inside?": two sine waves one after the other, 100 steps
 * of sin over [0, 4 pi) and 100 of sin(5 x) over [4 pi, 8 pi], as a one-example data set of one
 * feature per step.
 */
export function twoSineWaves(): Dataset {
  const values = new Float32Array(200);
  for (let i = 0; i < 100; i++) values[i] = Math.sin((4 * Math.PI * i) / 100);
  for (let i = 0; i < 100; i++) values[100 + i] = Math.sin(5 * (4 * Math.PI + (4 * Math.PI * i) / 99));
  const lengths = Int32Array.of(200);
  const mask = { data: new Float32Array(200).fill(1), shape: [1, 200] as const };
  return {
    task: 'two-sine-waves',
    typology: 'tagger',
    options: {},
    size: 1,
    inputs: { data: values, shape: [1, 200, 1] },
    lengths,
    mask,
    targets: { data: values, shape: [1, 200, 1] },
    decode: () => ({ input: Array.from(values), target: Array.from(values), length: 200 }),
  };
}

/** The model the notebook looks inside: a fresh (untrained) SimpleRNN of 100 units reading one feature. */
export function freshSimpleRnn(seed: string | number = 42): RecurrentModel {
  return buildModel(
    {
      architecture: 'tagger',
      input: { type: 'dense', features: 1 },
      rnn: { kind: 'simple', units: 100 },
      outputSize: 1,
    },
    createRng(seed).fork('init'),
  );
}
