import { checkNumber } from '@rnn/datasets';

/**
 * Checks a temperature: a finite number >= 0 (0 means greedy). `where` names the function that was
 * given it, for the message.
 *
 * @throws RangeError naming `where`, `temperature` and the allowed values.
 */
export function checkTemperature(temperature: number, where = 'checkTemperature'): void {
  checkNumber(where, 'temperature', temperature, { min: 0 });
}

/**
 * The distribution at `temperature` (> 0): q_i proportional to p_i^(1/T), i.e. softmax(logits / T).
 * Computed as exp((log p_i - log p_max) / T) so that small temperatures cannot underflow every weight
 * to zero. Impossible tokens stay impossible. Returns a new, normalised array.
 */
export function applyTemperature(probabilities: ArrayLike<number>, temperature: number): Float64Array {
  checkTemperature(temperature, 'applyTemperature');
  if (temperature === 0) throw new RangeError('temperature 0 is greedy: use argmax, not applyTemperature');
  const n = probabilities.length;
  const out = new Float64Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    if (!(p >= 0) || p === Infinity)
      throw new RangeError(`probabilities must be finite and >= 0, got ${p} at index ${i}`);
    if (p > max) max = p;
  }
  if (!(max > 0)) throw new RangeError('probabilities have no positive weight');
  const logMax = Math.log(max);
  const inverse = 1 / temperature;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i];
    const w = p > 0 ? Math.exp((Math.log(p) - logMax) * inverse) : 0;
    out[i] = w;
    sum += w;
  }
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}
