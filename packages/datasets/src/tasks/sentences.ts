import { maskFromLengths } from '../batching/mask-from-lengths';
import type { Dataset } from '../dataset';
import { zerosInt32 } from '../tensor';
import { Vocabulary } from '../vocabulary';
import { filledInt32 } from './decode-helpers';
import { nextCharacterDataset } from './next-character-dataset';
import { resolveOptions, type OptionSpecs } from './option-spec';

/** The source's three sentences (002): the model completes each from its first characters. */
export const defaultSentences: readonly string[] = ['hey how are you', 'good i am fine', 'have a nice day'];

/** Options of {@link sentencesTask}. */
export interface SentencesOptions {
  /** The sentences. Default {@link defaultSentences}. */
  readonly sentences?: readonly string[];
}

/** The declared options of {@link sentencesTask}, with defaults. */
export const sentencesOptionSpecs: OptionSpecs = {
  sentences: { type: 'strings', default: defaultSentences, description: 'the sentences to complete' },
};

/**
 * Sentence completion (source 002): every sentence padded with spaces to the longest, then
 * next-character pairs: input = sentence without its last character, target = sentence without its
 * first, `[sentences, longest - 1]` ids each. Deterministic: no randomness is involved. The spaces
 * are real symbols here (the source trains on them), so the mask is all ones.
 */
export function sentencesTask(options: SentencesOptions = {}): Dataset {
  const where = 'sentences';
  const o = resolveOptions<Required<SentencesOptions>>(where, sentencesOptionSpecs, options);
  const longest = Math.max(...o.sentences.map((s) => [...s].length));
  if (longest < 2) {
    throw new RangeError(`${where}: the longest sentence must have at least 2 characters, got ${longest}`);
  }
  const padded = o.sentences.map((s) => s + ' '.repeat(longest - [...s].length));
  const vocabulary = Vocabulary.fromText(padded.join(''), { reserved: '<pad>' });
  const n = padded.length;
  const L = longest - 1;
  const inputs = zerosInt32([n, L]);
  const targets = zerosInt32([n, L]);
  padded.forEach((s, i) => {
    const ids = vocabulary.encode(s);
    inputs.data.set(ids.subarray(0, L), i * L);
    targets.data.set(ids.subarray(1), i * L);
  });
  const lengths = filledInt32(n, L);
  const mask = maskFromLengths(lengths, L);
  return nextCharacterDataset({ task: where, options: o, inputs, targets, lengths, mask, vocabulary });
}
