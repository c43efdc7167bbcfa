/**
 * Masked losses, metrics, the trainer, checkpoints and one recipe per source exercise.
 *
 * @packageDocumentation
 */
export { maskedMean } from './losses/masked-mean';
export { maskedCrossEntropy } from './losses/masked-cross-entropy';
export { maskedBinaryCrossEntropy } from './losses/masked-binary-cross-entropy';
export { maskedMeanSquaredError } from './losses/masked-mean-squared-error';
export { maskedTokenAccuracy } from './metrics/masked-token-accuracy';
