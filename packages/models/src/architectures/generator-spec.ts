import { checkInteger } from '@rnn/datasets';
import { validateStackSpec, type StackSpec } from '../layers/recurrent-stack';

/**
 * Where a one-to-many generator puts its one input vector x (source 000's oscillator):
 * - `init` (init-inject): a linear projection of x is the first layer's initial hidden state (for an
 *   LSTM its h; c starts at zero); every step reads the previous output, zeros at the first.
 * - `pre` (pre-inject): a linear projection of x to the output width is the first step's input, as
 *   if it were an output; every later step reads the previous output.
 * - `par` (par-inject): x itself is concatenated to every step's input, beside the previous output.
 */
export type GeneratorInject = 'init' | 'pre' | 'par';

/** Every inject mode, for argument checks and help texts. */
export const generatorInjects: readonly GeneratorInject[] = ['init', 'pre', 'par'];

/** A one-to-many generator as plain JSON. */
export interface GeneratorModelSpec {
  readonly architecture: 'generator';
  /** Width of the one input vector per sequence (e.g. 3 for the one-hot of three frequencies). */
  readonly inputFeatures: number;
  readonly rnn: StackSpec;
  /** Width of each output step: 1 for a wave's value, or the number of per-step logits. */
  readonly outputSize: number;
  readonly inject: GeneratorInject;
  /** Steps generated when the caller does not ask for another number. */
  readonly steps: number;
}

/** Checks a generator spec: a RangeError naming the field and what is allowed. */
export function validateGeneratorModelSpec(spec: GeneratorModelSpec): void {
  if (spec?.architecture !== 'generator') {
    throw new RangeError(
      `architecture must be generator, got ${JSON.stringify((spec as { architecture?: unknown })?.architecture)}`,
    );
  }
  for (const field of ['inputFeatures', 'outputSize', 'steps'] as const) {
    checkInteger('GeneratorModel', field, spec[field], 1);
  }
  validateStackSpec(spec.rnn);
  if (!generatorInjects.includes(spec.inject)) {
    throw new RangeError(`inject must be one of ${generatorInjects.join(', ')}, got ${JSON.stringify(spec.inject)}`);
  }
}
