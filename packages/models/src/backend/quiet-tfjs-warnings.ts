import * as tf from '@tensorflow/tfjs';

/**
 * Turns off tfjs's console warnings, chiefly its "install tfjs-node" banner: {@link useBackend}
 * already says which backend runs and why, and that banner misleads where tfjs-node cannot install.
 * tfjs's PROD flag affects warnings only, never results.
 */
export function quietTfjsWarnings(): void {
  tf.env().set('PROD', true);
}
