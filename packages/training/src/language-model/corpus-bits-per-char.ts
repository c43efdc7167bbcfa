import * as tf from '@tensorflow/tfjs';
import { checkInteger } from '@rnn/datasets';
import type { CellState, SequenceModel } from '@rnn/models';
import { maskedCrossEntropy } from '../losses/masked-cross-entropy';

/** Options of {@link corpusBitsPerChar}. */
export interface CorpusScoreOptions {
  /** Parallel streams the text is cut into. Default 16. */
  readonly batchSize?: number;
  /** Characters per forward pass and stream (the state is carried across passes). Default 100. */
  readonly length?: number;
}

/** A text's score under a language model. */
export interface CorpusScore {
  /** Mean bits per predicted character: cross-entropy in nats / ln 2. */
  readonly bitsPerChar: number;
  /** Characters predicted. */
  readonly characters: number;
}

/**
 * Scores a text as a language model reads it: every character predicted from all the characters
 * before it in its stream, the state carried from pass to pass, never reset. The text is cut into
 * `batchSize` contiguous streams only to keep the passes wide; each stream's first character is
 * read, not predicted, and fewer than `batchSize` characters at the very end are left out.
 * Forward only, no dropout; every tensor is freed.
 */
export function corpusBitsPerChar(
  model: SequenceModel,
  ids: Int32Array,
  options: CorpusScoreOptions = {},
): CorpusScore {
  if (!(ids instanceof Int32Array) || ids.length < 2) {
    throw new RangeError('corpusBitsPerChar: ids must be an Int32Array of at least 2 characters');
  }
  const streams = Math.max(1, Math.min(options.batchSize ?? 16, ids.length - 1));
  const length = options.length ?? 100;
  // A batch size past the text's characters is cut to them above, so only a fraction can fail here.
  checkInteger('corpusBitsPerChar', 'batchSize', streams, 1);
  checkInteger('corpusBitsPerChar', 'length', length, 1);
  const streamLength = Math.floor((ids.length - 1) / streams);
  let nats = 0;
  let characters = 0;
  let states: CellState[] | undefined;
  try {
    for (let from = 0; from < streamLength; from += length) {
      const steps = Math.min(length, streamLength - from);
      const inputs = new Int32Array(streams * steps);
      const targets = new Int32Array(streams * steps);
      for (let b = 0; b < streams; b++) {
        const start = b * streamLength + from;
        inputs.set(ids.subarray(start, start + steps), b * steps);
        targets.set(ids.subarray(start + 1, start + steps + 1), b * steps);
      }
      const carried = states;
      const out = tf.tidy(() => {
        const x = tf.tensor2d(inputs, [streams, steps], 'int32');
        const y = tf.tensor2d(targets, [streams, steps], 'int32');
        const result = model.forward(x, undefined, {
          ...(carried ? { initialStates: carried } : {}),
          returnStates: true,
        });
        const loss = maskedCrossEntropy(result.logits, y, tf.ones([streams, steps]));
        return { loss, states: result.states as CellState[] } as unknown as tf.TensorContainer;
      }) as unknown as { loss: tf.Scalar; states: CellState[] };
      nats += out.loss.dataSync()[0] * streams * steps;
      characters += streams * steps;
      out.loss.dispose();
      if (states) tf.dispose(states.flat());
      states = out.states;
    }
  } finally {
    if (states) tf.dispose(states.flat());
  }
  return { bitsPerChar: nats / characters / Math.LN2, characters };
}
