import { checkNumber } from '@rnn/datasets';

/** Options of {@link createScratchAdam}; the defaults are PyTorch's. */
export interface ScratchAdamOptions {
  /** Step size, > 0. Default 0.001. */
  readonly learningRate?: number;
  /** Decay of the running mean of gradients, in [0, 1). Default 0.9. */
  readonly beta1?: number;
  /** Decay of the running mean of squared gradients, in [0, 1). Default 0.999. */
  readonly beta2?: number;
  /** Added to the root of the second moment, > 0, so a zero gradient never divides by zero. Default 1e-8. */
  readonly epsilon?: number;
  /** Scale the gradients down to this global L2 norm when they are longer; default no clipping. */
  readonly clipNorm?: number;
}

/** Adam over a fixed list of parameter arrays, updated in place. */
export interface ScratchAdam {
  /** The options with every default filled in; `learningRate` here is the initial rate. */
  readonly options: Required<Omit<ScratchAdamOptions, 'clipNorm'>> & Pick<ScratchAdamOptions, 'clipNorm'>;
  /** The learning rate of the next step, > 0; set it between steps to follow a schedule. */
  learningRate: number;
  /** Updates taken so far. */
  readonly steps: number;
  /**
   * One update from `gradients` (one array per parameter, same order and sizes; left unchanged) and
   * returns their global L2 norm before clipping, to report.
   */
  step(gradients: readonly Float64Array[]): number;
}

function checkRate(name: string, value: number, lowIncluded: boolean, high: number): void {
  checkNumber('scratch adam', name, value, { min: 0, minExclusive: !lowIncluded, max: high, maxExclusive: true });
}

/**
 * Adam (Kingma & Ba) as torch.optim.Adam computes it, in plain loops over `parameters` (e.g.
 * `scratchWeightList(model)`), with optional clipping of the gradients' global norm first.
 *
 * @example
 * const adam = createScratchAdam(scratchWeightList(model), { learningRate: 0.01, clipNorm: 5 });
 * adam.step(scratchWeightList(scratchBackward(model, pass, loss.gradient)));
 */
export function createScratchAdam(parameters: readonly Float64Array[], options: ScratchAdamOptions = {}): ScratchAdam {
  if (!Array.isArray(parameters) || parameters.some((p) => !(p instanceof Float64Array))) {
    throw new RangeError('scratch adam parameters must be an array of Float64Array, e.g. scratchWeightList(model)');
  }
  const { learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, clipNorm } = options;
  checkRate('learningRate', learningRate, false, Infinity);
  checkRate('beta1', beta1, true, 1);
  checkRate('beta2', beta2, true, 1);
  checkRate('epsilon', epsilon, false, Infinity);
  if (clipNorm !== undefined) checkRate('clipNorm', clipNorm, false, Infinity);
  const m = parameters.map((p) => new Float64Array(p.length));
  const v = parameters.map((p) => new Float64Array(p.length));
  let steps = 0;
  let rate = learningRate;
  return {
    options: { learningRate, beta1, beta2, epsilon, ...(clipNorm === undefined ? {} : { clipNorm }) },
    get learningRate() {
      return rate;
    },
    set learningRate(next: number) {
      checkRate('learningRate', next, false, Infinity);
      rate = next;
    },
    get steps() {
      return steps;
    },
    step(gradients) {
      if (gradients.length !== parameters.length || gradients.some((g, i) => g.length !== parameters[i].length)) {
        throw new RangeError(
          `scratch adam step needs one gradient per parameter with sizes [${parameters.map((p) => p.length)}], ` +
            `got [${gradients.map((g) => g.length)}]`,
        );
      }
      let squares = 0;
      for (const g of gradients) for (let i = 0; i < g.length; i++) squares += g[i] * g[i];
      const norm = Math.sqrt(squares);
      const scale = clipNorm === undefined ? 1 : Math.min(1, clipNorm / Math.max(norm, 1e-12));
      steps++;
      // Bias correction: m and v start at zero, so early averages are too small by these factors.
      const stepSize = rate / (1 - beta1 ** steps);
      const root2 = Math.sqrt(1 - beta2 ** steps);
      parameters.forEach((p, k) => {
        const g = gradients[k];
        for (let i = 0; i < p.length; i++) {
          const gi = g[i] * scale;
          m[k][i] = beta1 * m[k][i] + (1 - beta1) * gi;
          v[k][i] = beta2 * v[k][i] + (1 - beta2) * gi * gi;
          p[i] -= (stepSize * m[k][i]) / (Math.sqrt(v[k][i]) / root2 + epsilon);
        }
      });
      return norm;
    },
  };
}
