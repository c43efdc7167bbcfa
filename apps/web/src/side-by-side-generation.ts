// Writing from one prime with several models at once (the character network and the Markov
// baseline), each character reported as it is chosen, so the page streams both texts side by side.
import type { Rng } from '@rnn/datasets';
import { generate, type Sampler, type StepModel } from '@rnn/sampling';
import type { TextSource } from './protocol';

/** One model writing: who it is, and the random stream it samples from. */
export interface TextStream {
  readonly source: TextSource;
  readonly model: StepModel<unknown>;
  readonly rng: Rng;
}

/** What every stream writes from. */
export interface SideBySideOptions {
  readonly prime: string;
  readonly length: number;
  readonly sampler: Sampler;
}

/** Where the characters go: each one as it is chosen, then each stream's whole text (the prime first). */
export interface SideBySideListener {
  token(source: TextSource, text: string): void;
  done(source: TextSource, text: string): void;
}

/** A turn for the other streams: each token waits for one, so the texts grow together. */
const turn = () => Promise.resolve();

/**
 * Runs `generate` of @rnn/sampling for every stream at once, the same prime, length and sampler,
 * each on its own random stream, and reports each character and each finished text to `listener`.
 * Rejects with the first failure (the others still end).
 */
export async function generateSideBySide(
  streams: readonly TextStream[],
  options: SideBySideOptions,
  listener: SideBySideListener,
): Promise<void> {
  await Promise.all(
    streams.map(async ({ source, model, rng }) => {
      const { text } = await generate(model, {
        prime: options.prime,
        length: options.length,
        sampler: options.sampler,
        rng,
        onToken: (piece) => {
          listener.token(source, piece);
          return turn();
        },
      });
      listener.done(source, text);
    }),
  );
}
