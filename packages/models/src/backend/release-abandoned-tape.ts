import * as tf from '@tensorflow/tfjs';

/**
 * Releases the gradient tape that tfjs 4.22 abandons when a backward pass throws (for example on a
 * missing kernel): it keeps the tape active, so the saved activations leak and every later op is
 * recorded and leaks too. This does the clean-up `engine.gradients` skips on that path. Call it
 * only after a failed gradient computation at the outermost level (not inside another gradient).
 */
export function releaseAbandonedTape(): void {
  const state = tf.engine().state as unknown as {
    gradientDepth: number;
    activeTape: { saved?: tf.Tensor[] }[] | null;
  };
  if (state.gradientDepth !== 0 || state.activeTape === null) return;
  for (const node of state.activeTape) {
    for (const tensor of node.saved ?? []) tensor.dispose();
  }
  state.activeTape = null;
}
