import type { Rng } from '@rnn/datasets';

/**
 * How to turn a model's next-token distribution into one token. Temperature is applied first, then
 * top-k, then top-p, all on the temperature-adjusted distribution (the order of Hugging Face's
 * `generate`, so settings carry over).
 */
export interface SamplerOptions {
  /**
   * Divides the logits: below 1 sharpens the distribution, above 1 flattens it, 0 is greedy (always
   * the most likely token). Default 1: the model's own distribution.
   */
  readonly temperature?: number;
  /** Keep only the `topK` most likely tokens (ties: lower id first). Default: all. */
  readonly topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches `topP` (nucleus). Default 1: all. */
  readonly topP?: number;
}

/** A strategy for choosing the next token from a distribution. Create one with {@link createSampler}. */
export interface Sampler {
  /** The settings, with defaults filled in. */
  readonly options: Required<SamplerOptions>;
  /** True when the choice never depends on the rng (greedy): no rng is needed or consumed. */
  readonly deterministic: boolean;
  /**
   * The exact distribution {@link Sampler.sample} draws from, given the model's probabilities: what
   * tests and UIs (showing the candidates) need.
   */
  distribution(probabilities: ArrayLike<number>): Float64Array;
  /**
   * Draws one token id from `probabilities` (non-negative, need not be normalised). Consumes exactly
   * one `rng.next()` unless {@link Sampler.deterministic}.
   */
  sample(probabilities: ArrayLike<number>, rng?: Rng): number;
}
