// A worker session for tests in Node: its replies recorded, to read back by type.
import type { PlaygroundReply, RunSettings } from './protocol';
import { PlaygroundSession, type PlaygroundSessionOptions } from './playground-session';

/**
 * A {@link PlaygroundSession} whose replies are collected: `of(type)` lists those of a type, `last`
 * the latest, and `listeners` hear each reply as it comes (to act in the middle of a run).
 */
export function recordedSession(options: PlaygroundSessionOptions = {}) {
  const replies: PlaygroundReply[] = [];
  const listeners: ((r: PlaygroundReply) => void)[] = [];
  const s = new PlaygroundSession((reply) => {
    replies.push(reply);
    for (const l of listeners) l(reply);
  }, options);
  const of = <T extends PlaygroundReply['type']>(type: T) =>
    replies.filter((r): r is Extract<PlaygroundReply, { type: T }> => r.type === type);
  const last = <T extends PlaygroundReply['type']>(type: T) => of(type).at(-1);
  return { s, replies, listeners, of, last };
}

/** A patterned text of 14,400 characters: four steps of the recipe's 32 streams x 100 per epoch. */
export const tinyCorpus = 'the cat sat on the mat. the dog sat on the log. '.repeat(300);

/** A tiny charlm-quick run (LSTM 8, 2 epochs), quick to train on {@link tinyCorpus}. */
export const tinyCharlm = (over: Partial<RunSettings> = {}): RunSettings => ({
  recipe: 'charlm-quick',
  cell: 'lstm',
  hidden: 8,
  layers: 1,
  learningRate: 0.01,
  epochs: 2,
  minutes: 1,
  seed: '42',
  ...over,
});
