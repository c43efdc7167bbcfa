import * as tf from '@tensorflow/tfjs';
import { createRng, createTask, iterateBatches, type Dataset } from '@rnn/datasets';
import { loadCorpus } from '@rnn/datasets/node';
import { kernelProviders } from '@rnn/models/kernels';
import {
  activeSequenceKernel,
  buildModel,
  quietTfjsWarnings,
  useSequenceKernel,
  type CellKind,
  type ModelSpec,
  type RecurrentModel,
} from '@rnn/models';
import { loadNativeKernels, loadWasmKernels, unloadNativeKernels, unloadWasmKernels } from '@rnn/models/node';
import { batchTensors, disposeBatchTensors, forwardInputs, type BatchTensors } from '../src/fit/batch-tensors';
import { createOptimizer } from '../src/fit/create-optimizer';
import { objectiveFor } from '../src/fit/objective';

/**
 * Training steps per second (forward, backward, Adam) on the shapes of the source documents, the
 * configs the project holds to a speed ratio against PyTorch. `rnn` is the project's fastest Node setup
 * (cpu backend, fused kernels, native when built); `tfjs` is the same network in stock tfjs-layers
 * on its cpu backend, trained with `trainOnBatch`: what a tfjs user gets without this project.
 */

interface StepConfig {
  /** The bench's name for the config (`npm run bench -- --only <config>`). */
  readonly config: string;
  readonly shape: string;
  /** The matching line of the PyTorch anchor (bench/anchors/torch_rnn_bench.py), if it has one. */
  readonly anchor?: string;
  /** What the project asks of this config, as a speed ratio against PyTorch (>= must). */
  readonly must?: number;
  /** What it asks of the WebAssembly kernels (what a browser gets) on this config, likewise. */
  readonly mustWasm?: number;
  readonly tokens: number;
  data(): Dataset;
  spec(data: Dataset): ModelSpec;
  /** The same network in stock tfjs-layers, with the data as its inputs and targets. */
  stock(data: Dataset): { model: tf.LayersModel; x: tf.Tensor; y: tf.Tensor; loss: string };
  /** Stock tfjs takes minutes per step here: time one step after the warm-up, not five. */
  readonly slowStock?: boolean;
}

// Each case runs in a child process of its own: one tfjs console banner per case is noise.
quietTfjsWarnings();

let corpus: string | undefined;
const text = (): string => (corpus ??= loadCorpus('tinyshakespeare'));

/** A tfjs-layers recurrent layer of the kind, with Glorot recurrent weights (tfjs's Orthogonal takes minutes at 512). */
function stockLayer(cell: CellKind, units: number, extra: Record<string, unknown>): tf.layers.Layer {
  const config = { units, recurrentInitializer: 'glorotUniform', ...extra } as never;
  return cell === 'lstm'
    ? tf.layers.lstm(config)
    : cell === 'gru'
      ? tf.layers.gru(config)
      : tf.layers.simpleRNN(config);
}

const compileAdam = (model: tf.LayersModel, loss: string): tf.LayersModel => {
  model.compile({ optimizer: tf.train.adam(1e-3), loss });
  return model;
};

const asTensor = (t: { data: Float32Array | Int32Array; shape: readonly number[] }, dtype: 'float32' | 'int32') =>
  tf.tensor(t.data, [...t.shape], dtype);

function charLm(cell: CellKind, units: number, layers: number, extra: Partial<StepConfig>): StepConfig {
  return {
    config: `charlm-${cell === 'lstm' ? '' : `${cell}-`}${units}${layers > 1 ? `x${layers}` : ''}`,
    shape: `embedding 64, ${cell.toUpperCase()} ${units}x${layers}, vocab 65, batch 32 x 100`,
    tokens: 32 * 100,
    data: () => createTask('text', { text: text(), n: 32, length: 100 }, createRng(1)),
    spec: (data) => ({
      architecture: 'lm',
      input: { type: 'embedding', vocabSize: data.vocabulary!.size, dim: 64 },
      rnn: { kind: cell, units, layers },
      outputSize: data.vocabulary!.size,
    }),
    stock: (data) => {
      const vocab = data.vocabulary!.size;
      const model = tf.sequential();
      model.add(tf.layers.embedding({ inputDim: vocab, outputDim: 64, inputLength: 100 }));
      for (let i = 0; i < layers; i++) model.add(stockLayer(cell, units, { returnSequences: true }));
      model.add(tf.layers.dense({ units: vocab, activation: 'softmax' }));
      return {
        model: compileAdam(model, 'sparseCategoricalCrossentropy'),
        x: asTensor(data.inputs, 'float32'),
        y: tf.expandDims(asTensor(data.targets, 'float32'), 2),
        loss: 'sparseCategoricalCrossentropy',
      };
    },
    ...extra,
  };
}

const configs: StepConfig[] = [
  {
    config: 'parity',
    shape: 'SimpleRNN 16, batch 64 x 50, per-step sigmoid',
    anchor: 'parity-rnn16-len50-b64',
    must: 2,
    tokens: 64 * 50,
    data: () => createTask('parity', { n: 64, length: 50, targets: 'running' }, createRng(1)),
    spec: () => ({
      architecture: 'tagger',
      input: { type: 'dense', features: 1 },
      rnn: { kind: 'simple', units: 16 },
      outputSize: 1,
    }),
    stock: (data) => {
      const model = tf.sequential();
      model.add(stockLayer('simple', 16, { returnSequences: true, inputShape: [50, 1] }));
      model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
      return {
        model: compileAdam(model, 'binaryCrossentropy'),
        x: tf.reshape(asTensor(data.inputs, 'float32'), [-1, 50, 1]),
        y: tf.expandDims(asTensor(data.targets, 'float32'), 2),
        loss: 'binaryCrossentropy',
      };
    },
  },
  charLm('lstm', 128, 1, { anchor: 'charlm-lstm-128x1', must: 1.5, mustWasm: 0.7 }),
  charLm('gru', 128, 1, {}),
  charLm('simple', 128, 1, {}),
  {
    config: 'addition',
    shape: 'LSTM 128 encoder/decoder, batch 128, 9 in / 5 out (one-hot, vocab 12)',
    anchor: 'addition-lstm128-b128',
    must: 1.3,
    tokens: 128 * 9,
    data: () => createTask('addition', { n: 128, minDigits: 3, maxDigits: 3, fixedWidth: true }, createRng(1)),
    spec: (data) => ({
      architecture: 'seq2seq',
      input: { type: 'onehot', vocabSize: data.vocabulary!.size },
      rnn: { kind: 'lstm', units: 128 },
      outputSize: data.vocabulary!.size,
      decoderInput: 'zeros',
      targetSteps: 5,
    }),
    stock: (data) => {
      // Keras's addition_rnn, as the PyTorch anchor: encoder LSTM, its last output repeated, decoder LSTM.
      const vocab = data.vocabulary!.size;
      const [n, steps] = data.inputs.shape;
      const model = tf.sequential();
      model.add(stockLayer('lstm', 128, { inputShape: [steps, vocab] }));
      model.add(tf.layers.repeatVector({ n: 5 }));
      model.add(stockLayer('lstm', 128, { returnSequences: true }));
      model.add(tf.layers.dense({ units: vocab, activation: 'softmax' }));
      const ids = asTensor(data.inputs, 'int32');
      const targets = asTensor(data.targets, 'float32');
      return {
        model: compileAdam(model, 'sparseCategoricalCrossentropy'),
        x: tf.oneHot(tf.reshape(ids, [n * steps]), vocab).reshape([n, steps, vocab]),
        y: tf.expandDims(tf.slice(targets, [0, 0], [n, 5]), 2),
        loss: 'sparseCategoricalCrossentropy',
      };
    },
  },
  charLm('lstm', 512, 2, { anchor: 'charlm-lstm-512x2', must: 1.3, slowStock: true }),
  charLm('gru', 512, 2, { anchor: 'charlm-gru-512x2', slowStock: true }),
];

/** One implementation the configs run on. */
interface StepImpl {
  readonly impl: string;
  setup(): Promise<void>;
  teardown(): void;
}

const impls: StepImpl[] = [
  {
    impl: 'rnn',
    setup: async () => {
      await tf.setBackend('cpu');
      loadNativeKernels();
      useSequenceKernel('auto');
    },
    teardown: () => undefined,
  },
  {
    // What a browser gets on the cpu backend: the WebAssembly SIMD kernels, the rest in TypeScript.
    impl: 'wasm',
    setup: async () => {
      await tf.setBackend('cpu');
      unloadNativeKernels();
      const wasm = loadWasmKernels();
      if (!wasm.loaded) throw new Error(`the wasm kernels did not load: ${wasm.reason}`);
      useSequenceKernel('wasm');
    },
    teardown: () => unloadWasmKernels(),
  },
  {
    impl: 'tfjs',
    setup: async () => {
      await tf.setBackend('cpu');
      unloadNativeKernels();
      unloadWasmKernels();
    },
    teardown: () => undefined,
  },
];

/** A case of the root harness, with the fields the training-step table reads. */
export interface StepCase {
  readonly name: string;
  readonly config: string;
  readonly impl: string;
  readonly shape: string;
  readonly anchor?: string;
  readonly must?: number;
  readonly mustWasm?: number;
  readonly maxRuns?: number;
  readonly work: { readonly count: number; readonly unit: string };
  /** What ran, filled in by setup: e.g. "cpu, native kernels". */
  describe(): string;
  setup(): Promise<void>;
  run(): void | Promise<void>;
  teardown(): void;
}

/** What every case of a config on an implementation says about itself. */
const caseFields = (c: StepConfig, impl: StepImpl) => ({
  name: `${c.config} ${impl.impl}`,
  config: c.config,
  impl: impl.impl,
  shape: c.shape,
  anchor: c.anchor,
  must: c.must,
  mustWasm: c.mustWasm,
  work: { count: c.tokens, unit: 'tokens' },
});

/** Stock tfjs: the same network built with tfjs-layers and trained with its own trainOnBatch. */
function stockCase(c: StepConfig, impl: StepImpl): StepCase {
  let stock: ReturnType<StepConfig['stock']> | undefined;
  return {
    ...caseFields(c, impl),
    maxRuns: c.slowStock ? 1 : undefined,
    describe: () => `${tf.getBackend()}, tfjs-layers ${tf.version.tfjs} (model.trainOnBatch)`,
    async setup() {
      await impl.setup();
      stock = c.stock(c.data());
    },
    async run() {
      await stock!.model.trainOnBatch(stock!.x, stock!.y);
    },
    teardown() {
      if (stock) {
        tf.dispose([stock.x, stock.y]);
        stock.model.dispose();
      }
      impl.teardown();
    },
  };
}

function stepCase(c: StepConfig, impl: StepImpl): StepCase {
  if (impl.impl === 'tfjs') return stockCase(c, impl);
  let model: RecurrentModel | undefined;
  let tensors: BatchTensors | undefined;
  let optimizer: tf.Optimizer | undefined;
  let ran = '';
  return {
    ...caseFields(c, impl),
    describe: () => ran,
    async setup() {
      await impl.setup();
      const data = c.data();
      model = buildModel(c.spec(data), createRng(2).fork('init'));
      const [batch] = iterateBatches(data, { batchSize: data.size, rng: createRng(3) });
      tensors = batchTensors(batch, model);
      optimizer = createOptimizer('adam', 1e-3);
      const kernel = activeSequenceKernel();
      const provider = kernelProviders().find((p) => p.name === kernel.name);
      ran = `${tf.getBackend()}, ${kernel.name} sequence kernel${provider ? ` (${provider.description})` : ''}`;
    },
    run() {
      const t = tensors!;
      const m = model!;
      const objective = objectiveFor(m, t.targets.dtype);
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(
          () => objective.loss(m.forward(t.x, t.lengths, forwardInputs(t, true)).logits, t),
          m.weights,
        );
        optimizer!.applyGradients(grads);
        value.dataSync();
      });
    },
    teardown() {
      if (tensors) disposeBatchTensors(tensors);
      optimizer?.dispose();
      model?.dispose();
      impl.teardown();
    },
  };
}

/** Every config on every implementation, the project's first so a slow stock run comes last. */
const cases: StepCase[] = configs.flatMap((c) => impls.map((impl) => stepCase(c, impl)));

export default cases;
