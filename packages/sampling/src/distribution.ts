import { checkInteger } from '@rnn/datasets';
import type { Prediction } from './step-model';

/**
 * Row `row` of a prediction as a normalised probability vector (a new array: samplers may reshape it).
 * Logits go through a max-shifted softmax so large logits cannot overflow.
 *
 * @throws RangeError if the row is missing, has NaN, negative or infinite weights, or has no mass.
 */
export function probabilitiesOf(prediction: Prediction, row: number, vocabSize: number): Float64Array {
  const source = rowValues(prediction, row, vocabSize);
  const out = new Float64Array(vocabSize);
  const offset = row * vocabSize;
  if (prediction.logits !== undefined) {
    const max = maxLogit(source, offset, vocabSize);
    let sum = 0;
    for (let v = 0; v < vocabSize; v++) {
      const e = Math.exp(source[offset + v] - max);
      out[v] = e;
      sum += e;
    }
    for (let v = 0; v < vocabSize; v++) out[v] /= sum;
    return out;
  }
  const sum = weightSum(source, offset, vocabSize);
  for (let v = 0; v < vocabSize; v++) out[v] = source[offset + v] / sum;
  return out;
}

/**
 * Row `row` of a prediction as non-negative weights to sample from, copying only when it must:
 * a batch-1 prediction of probabilities is returned as it is (samplers accept unnormalised weights
 * and check them), logits are turned into probabilities in `scratch`. Generation calls this once per
 * token, so skipping a copy and a normalisation pass matters for fast models.
 */
export function weightsOf(
  prediction: Prediction,
  row: number,
  vocabSize: number,
  scratch: Float64Array,
): Float32Array | Float64Array {
  const probabilities = prediction.probabilities;
  if (probabilities !== undefined && row === 0 && probabilities.length === vocabSize) return probabilities;
  if (probabilities !== undefined)
    return rowValues(prediction, row, vocabSize).subarray(row * vocabSize, (row + 1) * vocabSize);
  const source = rowValues(prediction, row, vocabSize);
  const offset = row * vocabSize;
  const max = maxLogit(source, offset, vocabSize);
  for (let v = 0; v < vocabSize; v++) scratch[v] = Math.exp(source[offset + v] - max);
  return scratch;
}

/**
 * Natural-log probabilities of row `row` (log-softmax of logits, or the log of normalised weights):
 * `-Infinity` for impossible tokens. Beam search and scoring add these, so they are computed in log
 * space rather than by taking the log of a softmax that may have underflowed.
 */
export function logProbabilitiesOf(prediction: Prediction, row: number, vocabSize: number): Float64Array {
  const source = rowValues(prediction, row, vocabSize);
  const out = new Float64Array(vocabSize);
  const offset = row * vocabSize;
  const logNorm = logNormaliser(prediction, source, offset, vocabSize);
  const isLogits = prediction.logits !== undefined;
  for (let v = 0; v < vocabSize; v++) {
    const x = source[offset + v];
    out[v] = (isLogits ? x : Math.log(x)) - logNorm;
  }
  return out;
}

/** The natural-log probability of one `token` in row `row` (what scoring needs, without a whole row). */
export function logProbabilityOf(prediction: Prediction, row: number, vocabSize: number, token: number): number {
  checkInteger('logProbabilityOf', 'token', token, 0, vocabSize - 1);
  const source = rowValues(prediction, row, vocabSize);
  const offset = row * vocabSize;
  const logNorm = logNormaliser(prediction, source, offset, vocabSize);
  const x = source[offset + token];
  return (prediction.logits !== undefined ? x : Math.log(x)) - logNorm;
}

/** The index of the largest value; ties go to the lowest index, so greedy choices are reproducible. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/**
 * Draws an index with probability proportional to `weights` (non-negative, not necessarily
 * normalised) using one uniform number `u` in [0, 1): the inverse of the cumulative distribution, so
 * one rng draw per token and the same draw always gives the same token.
 */
export function drawIndex(weights: ArrayLike<number>, u: number): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || w === Infinity) throw new RangeError(`weights must be finite and >= 0, got ${w} at index ${i}`);
    total += w;
  }
  if (!(total > 0)) throw new RangeError('cannot sample from a distribution with no positive weight');
  const target = u * total;
  let cumulative = 0;
  let lastPositive = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w === 0) continue;
    cumulative += w;
    lastPositive = i;
    if (target < cumulative) return i;
  }
  // Rounding can leave `target` a hair above the final cumulative sum: that draw belongs to the last token.
  return lastPositive;
}

function rowValues(prediction: Prediction, row: number, vocabSize: number): Float32Array | Float64Array {
  const values = prediction.logits ?? prediction.probabilities;
  if (values === undefined) {
    throw new RangeError('a prediction must carry either logits or probabilities');
  }
  if ((row + 1) * vocabSize > values.length) {
    throw new RangeError(
      `prediction has ${values.length} values, too few for row ${row} of vocabSize ${vocabSize} (batch x vocabSize, row-major)`,
    );
  }
  return values;
}

function maxLogit(source: ArrayLike<number>, offset: number, vocabSize: number): number {
  let max = -Infinity;
  for (let v = 0; v < vocabSize; v++) {
    const x = source[offset + v];
    if (Number.isNaN(x) || x === Infinity) throw new RangeError(`logits must be finite or -Infinity, got ${x}`);
    if (x > max) max = x;
  }
  if (max === -Infinity) throw new RangeError('logits are all -Infinity: the model gave no token any probability');
  return max;
}

function weightSum(source: ArrayLike<number>, offset: number, vocabSize: number): number {
  let sum = 0;
  for (let v = 0; v < vocabSize; v++) {
    const x = source[offset + v];
    if (!(x >= 0) || x === Infinity) throw new RangeError(`probabilities must be finite and >= 0, got ${x}`);
    sum += x;
  }
  if (!(sum > 0)) throw new RangeError('probabilities sum to 0: the model gave no token any probability');
  return sum;
}

function logNormaliser(prediction: Prediction, source: ArrayLike<number>, offset: number, vocabSize: number): number {
  if (prediction.logits === undefined) return Math.log(weightSum(source, offset, vocabSize));
  const max = maxLogit(source, offset, vocabSize);
  let sum = 0;
  for (let v = 0; v < vocabSize; v++) sum += Math.exp(source[offset + v] - max);
  return max + Math.log(sum);
}
