import { checkInteger, type Rng } from '@rnn/datasets';

/** The activation of a {@link ScratchElman}'s recurrent neurons: `linear` makes the source's LinRNN. */
export type ScratchActivation = 'tanh' | 'linear';

/** The activation of a {@link ScratchElman}'s output neurons: `sigmoid` for a classifier's probability. */
export type ScratchOutput = 'sigmoid' | 'linear';

/** Every recurrent activation, for argument checks and help texts. */
export const scratchActivations: readonly ScratchActivation[] = ['tanh', 'linear'];

/** Every output activation, for argument checks and help texts. */
export const scratchOutputs: readonly ScratchOutput[] = ['sigmoid', 'linear'];

/** A {@link ScratchElman} as plain JSON: what it is, not its weights. */
export interface ScratchElmanSpec {
  /** Size of each input step. */
  readonly inputSize: number;
  /** Number of Elman neurons (the size of the hidden state). */
  readonly units: number;
  /** Number of output neurons; a generator that feeds its outputs back needs `outputSize === inputSize`. */
  readonly outputSize: number;
  /** Default `tanh`. */
  readonly activation?: ScratchActivation;
  /**
   * Default `linear`. The passes always return the pre-activation (a sigmoid output's logit); the
   * activation says which loss and which prediction belong to it.
   */
  readonly output?: ScratchOutput;
}

/**
 * The weights of a {@link ScratchElman}, row-major: `wx [inputSize x units]`, `wh [units x units]`,
 * `b [units]`, `wy [units x outputSize]`, `by [outputSize]`. Gradients have the same shape.
 */
export interface ScratchElmanWeights {
  readonly wx: Float64Array;
  readonly wh: Float64Array;
  readonly b: Float64Array;
  readonly wy: Float64Array;
  readonly by: Float64Array;
}

/**
 * An Elman RNN in plain TypeScript, no tfjs: `a_t = f(x_t Wx + a_{t-1} Wh + b)` followed by a dense
 * output `y = a Wy + by`. Its weights are the arrays themselves; train them in place.
 */
export interface ScratchElman extends ScratchElmanWeights {
  /** The spec with every default filled in. */
  readonly spec: Required<ScratchElmanSpec>;
}

/** The weight names in their fixed order (the order of {@link scratchWeightList}). */
export const scratchWeightNames: readonly (keyof ScratchElmanWeights)[] = ['wx', 'wh', 'b', 'wy', 'by'];

/** Values with their shape, row-major; a `Float32Tensor` of `@rnn/datasets` is one. */
export interface ScratchArray {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
}

/** What {@link scratchForward} returns and {@link scratchBackward} reads (many-to-one). */
export interface ScratchSequencePass {
  readonly batch: number;
  readonly steps: number;
  /** The inputs the pass read, `[batch, steps, inputSize]` (not copied). */
  readonly inputs: ArrayLike<number>;
  /** Real steps per sequence. */
  readonly lengths: Int32Array;
  /** `[batch, steps + 1, units]`: zeros, then the state after every step, carried unchanged past a sequence's end. */
  readonly states: Float64Array;
  /** `[batch, outputSize]`: the output pre-activation read from each sequence's last valid step. */
  readonly outputs: Float64Array;
}

/** What {@link scratchGenerate} returns and {@link scratchGenerateBackward} reads (one-to-many). */
export interface ScratchGenerationPass {
  readonly batch: number;
  readonly steps: number;
  /** `[batch, steps, inputSize]`: what each step read, the given input first, then the previous output. */
  readonly inputs: Float64Array;
  /** `[batch, steps + 1, units]`: zeros, then the state after every step. */
  readonly states: Float64Array;
  /** `[batch, steps, outputSize]`: the output pre-activation of every step. */
  readonly outputs: Float64Array;
}

/** A loss and its gradient with respect to the outputs it was computed from. */
export interface ScratchLoss {
  readonly loss: number;
  /** dLoss/dOutputs, the shape of the outputs. */
  readonly gradient: Float64Array;
}

/** Checks a spec: a RangeError naming the field and what is allowed. */
export function validateScratchElmanSpec(spec: ScratchElmanSpec): void {
  if (spec === null || typeof spec !== 'object') {
    throw new RangeError(`scratch elman spec must be an object {inputSize, units, outputSize}, got ${spec}`);
  }
  for (const field of ['inputSize', 'units', 'outputSize'] as const) {
    checkInteger('scratch elman', field, spec[field], 1);
  }
  if (spec.activation !== undefined && !scratchActivations.includes(spec.activation)) {
    throw new RangeError(
      `scratch elman activation must be one of ${scratchActivations.join(', ')}, got ${JSON.stringify(spec.activation)}`,
    );
  }
  if (spec.output !== undefined && !scratchOutputs.includes(spec.output)) {
    throw new RangeError(
      `scratch elman output must be one of ${scratchOutputs.join(', ')}, got ${JSON.stringify(spec.output)}`,
    );
  }
}

/**
 * Builds a scratch Elman RNN, drawing every weight and bias uniform in ±1/sqrt(units) from `rng`, as
 * torch.nn.RNN and torch.nn.Linear do (and in the order wx, wh, b, wy, by, so one seed gives one network).
 *
 * @example
 * const model = createScratchElman({ inputSize: 2, units: 5, outputSize: 1, output: 'sigmoid' }, createRng(1).fork('init'));
 */
export function createScratchElman(spec: ScratchElmanSpec, rng: Rng): ScratchElman {
  validateScratchElmanSpec(spec);
  if (typeof rng?.next !== 'function') {
    throw new RangeError('createScratchElman: rng must be an Rng of @rnn/datasets, e.g. createRng(seed).fork("init")');
  }
  const full: Required<ScratchElmanSpec> = { activation: 'tanh', output: 'linear', ...spec };
  const { inputSize, units, outputSize } = full;
  const limit = 1 / Math.sqrt(units);
  const draw = (size: number) => Float64Array.from({ length: size }, () => (2 * rng.next() - 1) * limit);
  return {
    spec: full,
    wx: draw(inputSize * units),
    wh: draw(units * units),
    b: draw(units),
    wy: draw(units * outputSize),
    by: draw(outputSize),
  };
}

/** The weights (or gradients) as a list in {@link scratchWeightNames} order, e.g. for {@link createScratchAdam}. */
export function scratchWeightList(weights: ScratchElmanWeights): Float64Array[] {
  return scratchWeightNames.map((name) => weights[name]);
}

/** Zero arrays shaped like the model's weights, to add gradients into. */
export function scratchZeroGradients(model: ScratchElman): ScratchElmanWeights {
  const { wx, wh, b, wy, by } = model;
  return {
    wx: new Float64Array(wx.length),
    wh: new Float64Array(wh.length),
    b: new Float64Array(b.length),
    wy: new Float64Array(wy.length),
    by: new Float64Array(by.length),
  };
}

// ---- The whole idea: one step forward and back, then the two uses. `*At` are offsets into flat arrays.

/** a_next = f(x Wx + a_prev Wh + b) for one sequence. */
function step(m: ScratchElman, x: ArrayLike<number>, xAt: number, a: Float64Array, prevAt: number, nextAt: number) {
  const { inputSize: I, units: H, activation } = m.spec;
  for (let j = 0; j < H; j++) {
    let z = m.b[j];
    for (let i = 0; i < I; i++) z += x[xAt + i] * m.wx[i * H + j];
    for (let k = 0; k < H; k++) z += a[prevAt + k] * m.wh[k * H + j];
    a[nextAt + j] = activation === 'tanh' ? Math.tanh(z) : z;
  }
}

/** Back through `step`: adds its weight gradients to g, turns da = dL/da_next into dL/da_prev, adds dL/dx to dx. */
function stepBack(
  m: ScratchElman,
  g: ScratchElmanWeights,
  x: ArrayLike<number>,
  xAt: number,
  a: Float64Array,
  prevAt: number,
  nextAt: number,
  da: Float64Array,
  dx?: Float64Array,
) {
  const { inputSize: I, units: H, activation } = m.spec;
  // tanh' is 1 - tanh², so the saved state is all the backward pass needs.
  const dz = da.map((d, j) => (activation === 'tanh' ? d * (1 - a[nextAt + j] ** 2) : d));
  for (let j = 0; j < H; j++) g.b[j] += dz[j];
  for (let i = 0; i < I; i++) {
    for (let j = 0; j < H; j++) {
      g.wx[i * H + j] += x[xAt + i] * dz[j];
      if (dx) dx[i] += m.wx[i * H + j] * dz[j];
    }
  }
  for (let k = 0; k < H; k++) {
    let back = 0;
    for (let j = 0; j < H; j++) {
      g.wh[k * H + j] += a[prevAt + k] * dz[j];
      back += m.wh[k * H + j] * dz[j];
    }
    da[k] = back;
  }
}

/** y = a Wy + by, and back through it (adding to gWy, gby and da). */
function readOut(m: ScratchElman, a: Float64Array, aAt: number, y: Float64Array, yAt: number) {
  const { units: H, outputSize: O } = m.spec;
  for (let o = 0; o < O; o++) {
    let v = m.by[o];
    for (let k = 0; k < H; k++) v += a[aAt + k] * m.wy[k * O + o];
    y[yAt + o] = v;
  }
}
function readOutBack(
  m: ScratchElman,
  g: ScratchElmanWeights,
  a: Float64Array,
  aAt: number,
  dy: ArrayLike<number>,
  dyAt: number,
  da: Float64Array,
) {
  const { units: H, outputSize: O } = m.spec;
  for (let o = 0; o < O; o++) {
    g.by[o] += dy[dyAt + o];
    for (let k = 0; k < H; k++) {
      g.wy[k * O + o] += a[aAt + k] * dy[dyAt + o];
      da[k] += m.wy[k * O + o] * dy[dyAt + o];
    }
  }
}

/**
 * Many-to-one forward over a padded batch `inputs [batch, steps, inputSize]`: sequence b runs its
 * first `lengths[b]` steps, its padded steps leave the state unchanged, and its output is read from
 * the state at its last valid step.
 */
export function scratchForward(
  model: ScratchElman,
  inputs: ScratchArray,
  lengths: ArrayLike<number>,
): ScratchSequencePass {
  const { batch, steps, lengths: real } = checkSequences(model, inputs, lengths);
  const { inputSize: I, units: H, outputSize: O } = model.spec;
  const states = new Float64Array(batch * (steps + 1) * H);
  const outputs = new Float64Array(batch * O);
  for (let b = 0; b < batch; b++) {
    const at = (t: number) => (b * (steps + 1) + t) * H;
    for (let t = 0; t < steps; t++) {
      if (t < real[b]) step(model, inputs.data, (b * steps + t) * I, states, at(t), at(t + 1));
      else states.copyWithin(at(t + 1), at(t), at(t) + H);
    }
    readOut(model, states, at(real[b]), outputs, b * O);
  }
  return { batch, steps, inputs: inputs.data, lengths: real, states, outputs };
}

/**
 * Backpropagation through time for {@link scratchForward}: given dLoss/dOutputs `[batch, outputSize]`,
 * the gradient of every weight. Padded steps copied the state, so the gradient skips them unchanged.
 */
export function scratchBackward(
  model: ScratchElman,
  pass: ScratchSequencePass,
  dOutputs: ArrayLike<number>,
): ScratchElmanWeights {
  const { batch, steps, inputs, lengths, states } = pass;
  const { inputSize: I, units: H, outputSize: O } = model.spec;
  checkLength('scratchBackward', 'dOutputs', dOutputs, batch * O, '[batch, outputSize]');
  const g = scratchZeroGradients(model);
  const da = new Float64Array(H);
  for (let b = 0; b < batch; b++) {
    const at = (t: number) => (b * (steps + 1) + t) * H;
    da.fill(0);
    readOutBack(model, g, states, at(lengths[b]), dOutputs, b * O, da);
    for (let t = lengths[b] - 1; t >= 0; t--) {
      stepBack(model, g, inputs, (b * steps + t) * I, states, at(t), at(t + 1), da);
    }
  }
  return g;
}

/**
 * One-to-many forward with feedback: step 0 reads `first` (`[batch, inputSize]` or `[batch, 1, inputSize]`),
 * every later step reads the previous step's output; the state starts at zero and carries across steps.
 */
export function scratchGenerate(model: ScratchElman, first: ScratchArray, steps: number): ScratchGenerationPass {
  const batch = checkGeneration(model, first, steps);
  const { inputSize: I, units: H, outputSize: O } = model.spec;
  const inputs = new Float64Array(batch * steps * I);
  const states = new Float64Array(batch * (steps + 1) * H);
  const outputs = new Float64Array(batch * steps * O);
  for (let b = 0; b < batch; b++) {
    const at = (t: number) => (b * (steps + 1) + t) * H;
    for (let i = 0; i < I; i++) inputs[b * steps * I + i] = first.data[b * I + i];
    for (let t = 0; t < steps; t++) {
      if (t > 0) inputs.set(outputs.subarray((b * steps + t - 1) * O, (b * steps + t) * O), (b * steps + t) * I);
      step(model, inputs, (b * steps + t) * I, states, at(t), at(t + 1));
      readOut(model, states, at(t + 1), outputs, (b * steps + t) * O);
    }
  }
  return { batch, steps, inputs, states, outputs };
}

/**
 * Backpropagation through time for {@link scratchGenerate}: given dLoss/dOutputs `[batch, steps, outputSize]`,
 * the gradient of every weight, flowing through the state and through each fed-back output.
 */
export function scratchGenerateBackward(
  model: ScratchElman,
  pass: ScratchGenerationPass,
  dOutputs: ArrayLike<number>,
): ScratchElmanWeights {
  const { batch, steps, inputs, states } = pass;
  const { inputSize: I, units: H, outputSize: O } = model.spec;
  checkLength('scratchGenerateBackward', 'dOutputs', dOutputs, batch * steps * O, '[batch, steps, outputSize]');
  const g = scratchZeroGradients(model);
  const da = new Float64Array(H);
  const dy = new Float64Array(O);
  const dx = new Float64Array(I);
  for (let b = 0; b < batch; b++) {
    const at = (t: number) => (b * (steps + 1) + t) * H;
    da.fill(0);
    dx.fill(0);
    for (let t = steps - 1; t >= 0; t--) {
      // Output t reaches the loss directly and, as step t+1's input, through everything after it.
      for (let o = 0; o < O; o++) dy[o] = dOutputs[(b * steps + t) * O + o] + dx[o];
      readOutBack(model, g, states, at(t + 1), dy, 0, da);
      dx.fill(0);
      stepBack(model, g, inputs, (b * steps + t) * I, states, at(t), at(t + 1), da, dx);
    }
  }
  return g;
}

// ---- Losses and the output activation.

/** The logistic function, without overflow for large |z|. */
export function scratchSigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Binary cross-entropy of a sigmoid output, computed on the logits (stable for any logit), averaged
 * over the batch; `labels` are 0 or 1, one per logit.
 */
export function scratchBinaryCrossEntropy(logits: ArrayLike<number>, labels: ArrayLike<number>): ScratchLoss {
  checkLength('scratchBinaryCrossEntropy', 'labels', labels, logits.length, 'one label per logit');
  const n = logits.length;
  const gradient = new Float64Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const z = logits[i];
    const y = labels[i];
    loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    gradient[i] = (scratchSigmoid(z) - y) / n;
  }
  return { loss: loss / n, gradient };
}

/** Mean squared error over every output value. */
export function scratchMeanSquaredError(outputs: ArrayLike<number>, targets: ArrayLike<number>): ScratchLoss {
  checkLength('scratchMeanSquaredError', 'targets', targets, outputs.length, 'one target per output');
  const n = outputs.length;
  const gradient = new Float64Array(n);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const e = outputs[i] - targets[i];
    loss += e * e;
    gradient[i] = (2 * e) / n;
  }
  return { loss: loss / n, gradient };
}

// ---- Argument checks.

function checkLength(where: string, name: string, values: ArrayLike<number>, expected: number, what: string): void {
  if (values === null || typeof values !== 'object' || values.length !== expected) {
    throw new RangeError(`${where}: ${name} must hold ${expected} values (${what}), got ${values?.length}`);
  }
}

function checkSequences(
  model: ScratchElman,
  inputs: ScratchArray,
  lengths: ArrayLike<number>,
): { batch: number; steps: number; lengths: Int32Array } {
  const where = 'scratchForward';
  const { inputSize } = model.spec;
  const shape = inputs?.shape ?? [];
  const [batch, steps] = shape;
  if (shape.length !== 3 || shape[2] !== inputSize || !(batch >= 1) || !(steps >= 1)) {
    throw new RangeError(
      `${where}: inputs must have shape [batch, steps, ${inputSize}] with batch, steps >= 1, got [${shape}]`,
    );
  }
  checkLength(where, 'inputs.data', inputs.data, batch * steps * inputSize, `[${shape}]`);
  checkLength(where, 'lengths', lengths, batch, 'one per sequence');
  for (let b = 0; b < batch; b++) checkInteger(where, `lengths[${b}]`, lengths[b], 1, steps);
  return { batch, steps, lengths: Int32Array.from(lengths) };
}

function checkGeneration(model: ScratchElman, first: ScratchArray, steps: number): number {
  const where = 'scratchGenerate';
  const { inputSize, outputSize } = model.spec;
  if (outputSize !== inputSize) {
    throw new RangeError(
      `${where}: outputs are fed back as inputs, so outputSize must equal inputSize ${inputSize}, got ${outputSize}`,
    );
  }
  checkInteger(where, 'steps', steps, 1);
  const shape = first?.shape ?? [];
  const batch = shape[0];
  const oneStep =
    (shape.length === 2 && shape[1] === inputSize) || (shape.length === 3 && shape[1] === 1 && shape[2] === inputSize);
  if (!oneStep || !(batch >= 1)) {
    throw new RangeError(
      `${where}: first must have shape [batch, ${inputSize}] or [batch, 1, ${inputSize}], got [${shape}]`,
    );
  }
  checkLength(where, 'first.data', first.data, batch * inputSize, `[${shape}]`);
  return batch;
}
