// One lane of `rnn tour --jobs N`: forked by the tour with an IPC channel, it trains each stop it is
// sent and answers with the stop's result, its progress on the way. The stops are independent runs
// from one seed, so a stop's result is the same in a lane as in the tour's own process.
import type { TourStop, TourStopResult } from '@rnn/training';
import { selectBackend } from './load-models';

/** Tour to lane. */
export type LaneRequest = {
  readonly type: 'run';
  readonly index: number;
  readonly stop: TourStop;
  readonly seed: string;
  /** The corpus of a language model stop, by name. */
  readonly corpus?: string;
  readonly backend?: string;
};

/** Lane to tour. */
export type LaneReply =
  | { readonly type: 'progress'; readonly index: number; readonly fraction: number; readonly loss: number }
  | { readonly type: 'result'; readonly index: number; readonly result: TourStopResult }
  | { readonly type: 'error'; readonly index: number; readonly message: string; readonly usage: boolean };

const send = (reply: LaneReply) => process.send?.(reply);

let corpusText: { readonly name: string; readonly text: string } | undefined;

async function run(request: LaneRequest): Promise<void> {
  const training = await import('@rnn/training/node');
  const { loadCorpus } = await import('@rnn/datasets/node');
  await selectBackend(request.backend);
  // Only a language model stop reads the corpus: read it then, once per lane.
  const { corpus } = request;
  let text: string | undefined;
  if (corpus !== undefined && training.isLanguageModelRecipe(training.findAnyRecipe(request.stop.recipe))) {
    if (corpusText?.name !== corpus) corpusText = { name: corpus, text: loadCorpus(corpus) };
    text = corpusText.text;
  }
  const result = await training.runTourStop(request.stop, {
    seed: request.seed,
    ...(text !== undefined ? { text } : {}),
    onProgress: (p) => send({ type: 'progress', index: request.index, fraction: p.fraction, loss: p.loss }),
  });
  send({ type: 'result', index: request.index, result });
}

if (process.send) {
  // The lane lives only as long as the tour that forked it.
  process.on('disconnect', () => process.exit(1));
  process.on('message', (request: LaneRequest) => {
    run(request).catch((err: unknown) => {
      const usage = err instanceof RangeError;
      send({ type: 'error', index: request.index, message: err instanceof Error ? err.message : String(err), usage });
    });
  });
}
