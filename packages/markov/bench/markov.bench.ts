// Speed of @rnn/markov, timed by the root harness (`npm run bench`). Setup that should not be timed
// (reading the corpus, training the models that generate and score) happens once, at module load.
import { createRng, splitTrainValidation } from '@rnn/datasets';
import { loadCorpus } from '@rnn/datasets/node';
import { createSampler, generate } from '@rnn/sampling';
import { trainMarkov } from '../src';

/** The shape of a case the root harness (bench/run.ts) times. */
interface BenchCase {
  readonly name: string;
  run(): void | Promise<void>;
  readonly work?: { readonly count: number; readonly unit: string };
}

const corpus = loadCorpus('tinyshakespeare');
const { train, validation } = splitTrainValidation(corpus);
const model = trainMarkov(train, { order: 10 });
const sampler = createSampler();
const length = [...corpus].length;

// Keeps results observable so the JIT cannot drop the work.
let sink = 0;

const cases: BenchCase[] = [
  {
    name: `build: order 10 over tinyshakespeare (${length.toLocaleString('en-US')} chars)`,
    run: () => {
      sink += trainMarkov(corpus, { order: 10 }).info().storedContexts;
    },
    work: { count: length, unit: 'chars' },
  },
  {
    name: 'build: order 5 over tinyshakespeare',
    run: () => {
      sink += trainMarkov(corpus, { order: 5 }).info().storedContexts;
    },
    work: { count: length, unit: 'chars' },
  },
  {
    name: 'generate: 10,000 chars, order 10, kneser-ney',
    run: async () => {
      const result = await generate(model, { prime: 'ROMEO:', length: 10000, sampler, rng: createRng(sink) });
      sink += result.tokens[0];
    },
    work: { count: 10000, unit: 'chars' },
  },
  {
    name: `score: validation split (${validation.length.toLocaleString('en-US')} chars), order 10, kneser-ney`,
    run: () => {
      sink += model.bitsPerChar(validation);
    },
    work: { count: validation.length, unit: 'chars' },
  },
];

export default cases;
