/**
 * Samplers, generation, beam search and bits-per-character over one step-model contract. The RNN
 * language model (`@rnn/models`) and the n-gram model (`@rnn/markov`) both implement
 * {@link StepModel}, so everything here serves both. Pure TypeScript, no tfjs.
 *
 * @packageDocumentation
 */
export type { MaybePromise, Prediction, StepModel, StepResult, TokenCodec } from './step-model';
export { assertStepModel, disposeState, isPromiseLike } from './step-model';
export { argmax, drawIndex, logProbabilitiesOf, logProbabilityOf, probabilitiesOf, weightsOf } from './distribution';
export type { Sampler, SamplerOptions } from './samplers/sampler';
export { createSampler } from './samplers/create-sampler';
export { greedy } from './samplers/greedy';
export { applyTemperature, checkTemperature } from './samplers/temperature';
export { checkTopK, keepTopK } from './samplers/top-k';
export { checkTopP, keepTopP } from './samplers/top-p';
export { generate } from './generate';
export type { GenerateOptions, GenerateResult } from './generate';
export { beamSearch } from './beam-search';
export type { Beam, BeamSearchOptions } from './beam-search';
export { bitsPerChar, scoreText } from './bits-per-char';
export type { ScoreOptions, TextScore } from './bits-per-char';
export { countSteps } from './count-steps';
export type { CountedStepModel } from './count-steps';
