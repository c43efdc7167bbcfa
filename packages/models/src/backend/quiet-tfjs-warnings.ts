import * as tf from '@tensorflow/tfjs';

/**
 * Turns off tfjs's console warnings, chiefly its "install tfjs-node" banner: {@link useBackend}
 * already says which backend runs and why, and that banner misleads where tfjs-node cannot install.
 * tfjs's PROD flag affects warnings only, never results. Call it before the first tensor is made:
 * the banner comes when a backend first stores data, and tfjs starts its default backend on its own
 * for the first tensor (loading a saved model, say) when {@link useBackend} has not run yet.
 */
export function quietTfjsWarnings(): void {
  tf.env().set('PROD', true);
}
