// A corpus a character model trains on, with the Markov models beside it: measured once per text,
// since the baseline of a megabyte takes seconds and a second run on the same text needs it again.
import { corpusCuts, splitCorpus, type CorpusSplit } from '@rnn/datasets';
import { markovBaseline, trainMarkov, type MarkovBaseline, type MarkovModel } from '@rnn/markov';
import type { CorpusFacts } from './protocol';

/**
 * One corpus and its Markov baseline on the split the character model shares (`markovBaseline` of
 * @rnn/markov): the best Kneser-Ney order of `orders`, and, for writing beside the network, a model
 * of that order trained on the training part. Each is computed on first use and kept.
 */
export class CorpusBaseline {
  readonly facts: CorpusFacts;
  private readonly split: CorpusSplit<string>;
  private measured: MarkovBaseline | undefined;
  private writer: MarkovModel | undefined;

  constructor(
    name: string,
    readonly text: string,
    readonly orders: readonly number[],
  ) {
    const characters = Array.from(text).length;
    const [trainEnd, validationEnd] = corpusCuts(characters);
    this.facts = {
      name,
      characters,
      train: trainEnd,
      validation: validationEnd - trainEnd,
      test: characters - validationEnd,
    };
    this.split = splitCorpus(text);
  }

  /** Whether this is the baseline of `text` over `orders`, so a run on it can reuse it. */
  holds(text: string, orders: readonly number[]): boolean {
    return this.text === text && this.orders.join(',') === orders.join(',');
  }

  /** The best order on the validation part, scored on validation and test. */
  get baseline(): MarkovBaseline {
    this.measured ??= markovBaseline(this.split, this.orders);
    return this.measured;
  }

  /** A Kneser-Ney model of the best order, trained on the training part, to write text. */
  get generator(): MarkovModel {
    this.writer ??= trainMarkov(this.split.train, { order: this.baseline.order, smoothing: 'kneser-ney' });
    return this.writer;
  }
}
