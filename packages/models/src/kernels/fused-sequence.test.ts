import * as tf from '@tensorflow/tfjs';
import { createRng } from '@rnn/datasets';
import type { CellSpec } from '../cells/cell-spec';
import { createCell } from '../cells/create-cell';
import type { RecurrentCell } from '../cells/recurrent-cell';
import { useBackend } from '../backend/use-backend';
import { embeddingLookup } from './embedding-lookup';
import { returnScratch, takeScratchToOverwrite } from './scratch-buffers';
import { jsSequenceKernel } from './js-sequence-kernel';
import { loadNativeKernels, unloadNativeKernels } from './load-native-kernels';
import { loadWasmKernels, unloadWasmKernels } from './load-wasm-kernels';
import { gatesOf, hasRecurrentBias, kernelCells, savedGatesWidth, stateSizeOf, type KernelCell } from '@rnn/kernel-abi';
import {
  activeSequenceKernel,
  offerKernelProvider,
  useSequenceKernel,
  withdrawKernelProvider,
  type SequenceKernelChoice,
} from './kernel-registry';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => useSequenceKernel('auto'));

const specs: CellSpec[] = [
  { kind: 'elman', units: 5, inputSize: 3 },
  { kind: 'elman', units: 4, inputSize: 2, activation: 'relu' },
  { kind: 'elman', units: 3, inputSize: 2, activation: 'linear' },
  { kind: 'simple', units: 6, inputSize: 1, init: 'glorot' },
  { kind: 'lstm', units: 5, inputSize: 3 },
  { kind: 'lstm', units: 7, inputSize: 2, init: 'glorot' },
  { kind: 'gru', units: 5, inputSize: 4 },
  { kind: 'gru', units: 1, inputSize: 1 },
  { kind: 'gru', units: 4, inputSize: 3, init: 'glorot' },
  { kind: 'gru', units: 5, inputSize: 4, resetAfter: false },
  { kind: 'gru', units: 1, inputSize: 1, resetAfter: false },
];

/** [batch, time, lengths]: batch 1, T = 1, ragged lengths including 0 and full. */
const shapes: [number, number, number[] | undefined][] = [
  [1, 1, undefined],
  [1, 6, undefined],
  [4, 5, [5, 1, 0, 3]],
  [3, 9, undefined],
];

const normal = (shape: number[], seed: number, scale = 1) => {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Array.from({ length: size }, () => scale * rng.normal()),
    shape,
  );
};

interface Pass {
  outputs: Float32Array;
  state: Float32Array[];
  grads: Float32Array[];
}

/** Outputs, final state, and the gradients of a random linear loss on both w.r.t. x, h0, and every weight. */
function pass(
  cell: RecurrentCell,
  choice: SequenceKernelChoice,
  batch: number,
  time: number,
  lengths?: number[],
): Pass {
  useSequenceKernel(choice);
  const { units, inputSize } = cell.spec;
  const stateSize = cell.spec.kind === 'lstm' ? 2 : 1;
  return tf.tidy(() => {
    const x = normal([batch, time, inputSize], 11);
    const initial = Array.from({ length: stateSize }, (_, i) => normal([batch, units], 20 + i, 0.5) as tf.Tensor2D);
    const weightOut = normal([batch, time, units], 30);
    const weightState = Array.from({ length: stateSize }, (_, i) => normal([batch, units], 40 + i));
    const lengthTensor = lengths === undefined ? undefined : tf.tensor1d(lengths, 'int32');
    const loss = (xs: tf.Tensor3D, ...state: tf.Tensor2D[]) => {
      const result = cell.forward(xs, { lengths: lengthTensor, initialState: state });
      let total = tf.sum(tf.mul(result.outputs, weightOut));
      result.state.forEach((s, i) => (total = tf.add(total, tf.sum(tf.mul(s, weightState[i])))));
      return total as tf.Scalar;
    };
    const result = cell.forward(x as tf.Tensor3D, { lengths: lengthTensor, initialState: initial });
    const inputGrads = tf.grads((xs, ...s) => loss(xs as tf.Tensor3D, ...(s as tf.Tensor2D[])))([x, ...initial]);
    const weightGrads = tf.variableGrads(() => loss(x as tf.Tensor3D, ...initial), [...cell.weights]);
    return {
      outputs: result.outputs.dataSync() as Float32Array,
      state: result.state.map((s) => s.dataSync() as Float32Array),
      grads: [...inputGrads, ...cell.weights.map((w) => weightGrads.grads[w.name])].map(
        (g) => g.dataSync() as Float32Array,
      ),
    } as never;
  });
}

function expectClose(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  }
  // Written so that a NaN anywhere fails: every comparison with NaN is false.
  if (!(worst <= 1e-4)) throw new Error(`${what}: relative error ${worst} > 1e-4`);
}

const nativeStatus = loadNativeKernels();
unloadNativeKernels();
// Node 20 always has WebAssembly SIMD: only an explicit opt-out skips the wasm kernel.
const wasmStatus = loadWasmKernels();
unloadWasmKernels();
const wasmOptedOut = process.env.RNN_WASM_DISABLE === '1' || process.env.RNN_WASM_SKIP === '1';
const fusedChoices: SequenceKernelChoice[] = [
  'js',
  ...(nativeStatus.loaded ? (['native'] as const) : []),
  ...(wasmStatus.loaded || !wasmOptedOut ? (['wasm'] as const) : []),
];

describe.each(fusedChoices)('fused %s kernel', (choice) => {
  // The native and wasm choices also run the input projection and its gradients on their SGEMM.
  beforeAll(() => {
    if (choice === 'native') loadNativeKernels();
    if (choice === 'wasm') expect(loadWasmKernels().reason).toContain('WebAssembly SIMD');
  });
  afterAll(() => {
    unloadNativeKernels();
    unloadWasmKernels();
  });

  const title = (s: CellSpec) =>
    `${s.kind}/${s.activation ?? ''}/${s.units}x${s.inputSize}${s.resetAfter === false ? '/reset-before' : ''}`;
  describe.each(specs.map((s) => [title(s), s] as const))('%s', (_, spec) => {
    const cell = createCell(spec, createRng(3).fork('init'));
    afterAll(() => cell.dispose());

    it.each(shapes)('matches the tfjs reference: batch %i, time %i, lengths %j', (batch, time, lengths) => {
      const reference = pass(cell, 'reference', batch, time, lengths);
      const fused = pass(cell, choice, batch, time, lengths);
      expectClose(fused.outputs, reference.outputs, 'outputs');
      fused.state.forEach((s, i) => expectClose(s, reference.state[i], `state ${i}`));
      const names = [
        'x',
        ...fused.state.map((__, i) => `initial state ${i}`),
        'kernel',
        'recurrent kernel',
        'bias',
        'recurrent bias',
      ];
      expect(fused.grads).toHaveLength(1 + fused.state.length + cell.weights.length);
      fused.grads.forEach((g, i) => expectClose(g, reference.grads[i], `gradient of ${names[i]}`));
    });
  });
});

describe.each(['reference', ...fusedChoices] as SequenceKernelChoice[])(
  'embedded token ids on the %s kernel',
  (choice) => {
    beforeAll(() => {
      if (choice === 'native') loadNativeKernels();
      if (choice === 'wasm') loadWasmKernels();
    });
    afterAll(() => {
      unloadNativeKernels();
      unloadWasmKernels();
    });

    /** Outputs, final state and the gradients of a random linear loss w.r.t. the table and every weight. */
    function embeddedPass(
      cell: RecurrentCell,
      table: tf.Variable<tf.Rank.R2>,
      ids: tf.Tensor2D,
      lengths: number[],
      fold: boolean,
    ): Pass {
      useSequenceKernel(choice);
      const [batch, time] = ids.shape;
      return tf.tidy((): never => {
        const weightOut = normal([batch, time, cell.spec.units], 30);
        const lengthTensor = tf.tensor1d(lengths, 'int32');
        const run = () =>
          cell.forward(fold ? { table, ids } : (embeddingLookup(table, ids) as tf.Tensor3D), { lengths: lengthTensor });
        const loss = () => {
          const result = run();
          return tf.add(tf.sum(tf.mul(result.outputs, weightOut)), tf.sum(result.state[0])) as tf.Scalar;
        };
        const result = run();
        const { grads } = tf.variableGrads(loss, [table, ...cell.weights]);
        return {
          outputs: result.outputs.dataSync() as Float32Array,
          state: result.state.map((st) => st.dataSync() as Float32Array),
          grads: [table, ...cell.weights].map((w) => grads[w.name].dataSync() as Float32Array),
        } as never;
      });
    }

    it.each(
      specs.filter((sp) => sp.inputSize > 1).map((sp) => [`${sp.kind}/${sp.units}x${sp.inputSize}`, sp] as const),
    )('%s: the folded input projection equals looking the rows up first', (_, spec) => {
      const cell = createCell(spec, createRng(3).fork('init'));
      const table = tf.variable(normal([6, spec.inputSize], 7) as tf.Tensor2D);
      // Ids repeat within and across sequences, and padded steps hold id 0.
      const ids = tf.tensor2d([3, 3, 0, 5, 1, 2, 2, 2, 4, 0, 1, 0, 0, 0, 0], [3, 5], 'int32');
      const looked = embeddedPass(cell, table, ids, [5, 4, 1], false);
      const folded = embeddedPass(cell, table, ids, [5, 4, 1], true);
      expectClose(folded.outputs, looked.outputs, 'outputs');
      folded.state.forEach((st, i) => expectClose(st, looked.state[i], `state ${i}`));
      expect(folded.grads).toHaveLength(1 + cell.weights.length);
      folded.grads.forEach((g, i) =>
        expectClose(g, looked.grads[i], i === 0 ? 'gradient of the table' : `gradient ${i}`),
      );
      tf.dispose([table, ids]);
      cell.dispose();
    });

    it('refuses an id outside the table, and leaks no tensors through a training step', () => {
      useSequenceKernel(choice);
      const cell = createCell({ kind: 'lstm', units: 4, inputSize: 3 }, createRng(1).fork('init'));
      const table = tf.variable(normal([5, 3], 2) as tf.Tensor2D);
      const ids = tf.tensor2d([1, 4, 0, 2], [2, 2], 'int32');
      const bad = tf.tensor2d([1, 5, 0, 2], [2, 2], 'int32');
      expect(() => cell.forward({ table, ids: bad })).toThrow("embedding id 5 is outside the table's 0..4");
      const optimizer = tf.train.adam(0.01);
      const step = () =>
        optimizer.minimize(() => tf.mean(tf.square(cell.forward({ table, ids }).outputs)) as tf.Scalar, false, [
          table,
          ...cell.weights,
        ]);
      step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) step();
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([table, ids, bad]);
      optimizer.dispose();
      cell.dispose();
    });
  },
);

describe('scratch buffers taken to be overwritten', () => {
  afterAll(() => {
    unloadNativeKernels();
    unloadWasmKernels();
  });

  /** Leaves NaN in every idle buffer of the sizes a pass of this shape takes, so a read before a write shows. */
  const poison = (lengths: number[]) =>
    returnScratch(...lengths.flatMap((n) => Array.from({ length: 12 }, () => takeScratchToOverwrite(n).fill(NaN))));

  it.each(fusedChoices)('never carry stale values into the results on the %s kernel', (choice) => {
    if (choice === 'native') loadNativeKernels();
    if (choice === 'wasm') loadWasmKernels();
    const cell = createCell({ kind: 'lstm', units: 5, inputSize: 3 }, createRng(3).fork('init'));
    const [batch, time, width] = [4, 5, 20];
    const clean = pass(cell, choice, batch, time, [5, 1, 0, 3]);
    poison([time * batch * 3, time * batch * width, time * batch * 5, time * batch * savedGatesWidth('lstm', 5)]);
    const again = pass(cell, choice, batch, time, [5, 1, 0, 3]);
    expectClose(again.outputs, clean.outputs, 'outputs');
    again.grads.forEach((g, i) => expectClose(g, clean.grads[i], `gradient ${i}`));
    cell.dispose();
  });
});

describe('the fused op on the wasm tfjs backend', () => {
  // The wasm backend saves a copy of an output for the gradient (data of its own): what the backward
  // pass reads must not be found through the output's data.
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(specs.filter((s) => s.kind !== 'elman').map((s) => [s.kind, s] as const))(
    "%s: outputs and gradients equal the cpu backend's",
    async (_, spec) => {
      await useBackend('cpu');
      const cell = createCell(spec, createRng(5).fork('init'));
      const onCpu = pass(cell, 'js', 3, 4, [4, 2, 1]);
      const weights = cell.weights.map((w) => w.dataSync().slice());
      cell.dispose();
      await useBackend('wasm');
      const again = createCell(spec, createRng(5).fork('init'));
      again.weights.forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(weights[i])));
      const onWasm = pass(again, 'js', 3, 4, [4, 2, 1]);
      again.dispose();
      expectClose(onWasm.outputs, onCpu.outputs, 'outputs');
      onWasm.grads.forEach((g, i) => expectClose(g, onCpu.grads[i], `gradient ${i}`));
    },
  );
});

describe('jsSequenceKernel against finite differences', () => {
  // float32 central differences: tolerances are loose, the check is that every gradient path exists.
  it.each(kernelCells)('%s', (cell: KernelCell) => {
    const time = 3;
    const batch = 2;
    const units = 2;
    const width = gatesOf(cell) * units;
    const stateSize = stateSizeOf(cell);
    const rng = createRng(7);
    const draw = (n: number) => Float32Array.from({ length: n }, () => 0.6 * rng.normal());
    const projected = draw(time * batch * width);
    const recurrentKernel = draw(units * width);
    const recurrentBias = hasRecurrentBias(cell) ? draw(width) : undefined;
    const initialState = Array.from({ length: stateSize }, () => draw(batch * units));
    const lengths = Int32Array.from([3, 2]);
    const outWeight = draw(time * batch * units);
    const stateWeight = Array.from({ length: stateSize }, () => draw(batch * units));
    const run = () => {
      const outputs = new Float32Array(time * batch * units);
      const finalState = initialState.map(() => new Float32Array(batch * units));
      const savedInputs = new Float32Array(time * batch * units);
      const savedGates = new Float32Array(time * batch * savedGatesWidth(cell, units));
      jsSequenceKernel.forward({
        cell,
        time,
        batch,
        units,
        projected,
        recurrentKernel,
        recurrentBias,
        initialState,
        lengths,
        outputs,
        finalState,
        savedInputs,
        savedGates,
      });
      let loss = 0;
      outputs.forEach((v, i) => (loss += v * outWeight[i]));
      finalState.forEach((s, j) => s.forEach((v, i) => (loss += v * stateWeight[j][i])));
      return { loss, savedInputs, savedGates };
    };
    const { savedInputs, savedGates } = run();
    const projectedGrad = new Float32Array(projected.length);
    const recurrentKernelGrad = new Float32Array(recurrentKernel.length);
    const recurrentBiasGrad = recurrentBias ? new Float32Array(width) : undefined;
    const initialStateGrad = initialState.map((s) => new Float32Array(s.length));
    jsSequenceKernel.backward({
      cell,
      time,
      batch,
      units,
      recurrentKernel,
      initialState,
      lengths,
      savedInputs,
      savedGates,
      outputsGrad: outWeight,
      finalStateGrad: stateWeight,
      projectedGrad,
      recurrentKernelGrad,
      recurrentBiasGrad,
      initialStateGrad,
    });
    const check = (values: Float32Array, analytic: Float32Array) => {
      for (let i = 0; i < values.length; i++) {
        const kept = values[i];
        const eps = 1e-2;
        values[i] = kept + eps;
        const up = run().loss;
        values[i] = kept - eps;
        const down = run().loss;
        values[i] = kept;
        expect(analytic[i]).toBeCloseTo((up - down) / (2 * eps), 2);
      }
    };
    check(projected, projectedGrad);
    check(recurrentKernel, recurrentKernelGrad);
    if (recurrentBias) check(recurrentBias, recurrentBiasGrad!);
    initialState.forEach((s, i) => check(s, initialStateGrad[i]));
  });
});

describe('sequence kernel choice', () => {
  it('picks the fused kernel on cpu and says why', () => {
    expect(activeSequenceKernel().name).not.toBe('reference');
    useSequenceKernel('reference');
    expect(activeSequenceKernel()).toEqual({ name: 'reference', reason: 'chosen explicitly' });
  });

  it('falls back to auto when the native kernel it named goes away', () => {
    offerKernelProvider({
      name: 'native',
      description: 'a stand-in',
      sequence: { kernel: jsSequenceKernel, cells: kernelCells },
    });
    useSequenceKernel('native');
    expect(activeSequenceKernel().name).toBe('native');
    withdrawKernelProvider('native');
    expect(activeSequenceKernel().name).toBe('js');
    expect(() => useSequenceKernel('native')).toThrow("sequence kernel 'native' is not loaded");
  });

  it('rejects unknown choices in one line naming the allowed ones', () => {
    expect(() => useSequenceKernel('fast' as never)).toThrow(
      'sequence kernel must be one of auto, reference, js, native, wasm, got "fast"',
    );
  });

  it('adds one tfjs op per layer to a training step: no stacking of states, no transposes', async () => {
    useSequenceKernel('js');
    const cell = createCell({ kind: 'lstm', units: 4, inputSize: 3 }, createRng(1).fork('init'));
    const x = normal([2, 5, 3], 1) as tf.Tensor3D;
    const lengths = tf.tensor1d([5, 2], 'int32');
    const info = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(() => {
        const result = cell.forward(x, { lengths });
        return tf.add(tf.sum(result.outputs), tf.sum(result.state[1])) as tf.Scalar;
      }, [...cell.weights]);
      tf.dispose([value, ...Object.values(grads)]);
    });
    const names = info.kernels.map((k) => k.name);
    // The loss's own ops (Sum, Add and their gradients) and tfjs's bookkeeping (Identity) aside, the
    // layer is one op forward and none backward: its gradient is host code, not tfjs ops.
    expect(names.filter((n) => n === 'RnnFusedSequence')).toHaveLength(1);
    for (const op of ['Pack', 'Unpack', 'Transpose', 'Concat', 'Slice', 'MatMul', 'BatchMatMul']) {
      expect(names).not.toContain(op);
    }
    expect(names.filter((n) => n !== 'Identity').length).toBeLessThanOrEqual(10);
    tf.dispose([x, lengths]);
    cell.dispose();
  });

  it('leaks no tensors through a training step', () => {
    useSequenceKernel('js');
    const cell = createCell({ kind: 'lstm', units: 4, inputSize: 3 }, createRng(1).fork('init'));
    const optimizer = tf.train.adam(0.01);
    const x = normal([2, 5, 3], 1) as tf.Tensor3D;
    const lengths = tf.tensor1d([5, 2], 'int32');
    const step = () =>
      optimizer.minimize(() => tf.mean(tf.square(cell.forward(x, { lengths }).outputs)) as tf.Scalar, false, [
        ...cell.weights,
      ]);
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, lengths]);
    optimizer.dispose();
    cell.dispose();
  });
});
