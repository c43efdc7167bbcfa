// Generation speed of @rnn/datasets, timed by the root harness (`npm run bench`). Setup that should
// not be timed (reading and encoding the corpus) happens once, here at module load.
import { additionTask, createRng, parityTask, prepareText } from '../src';
import { loadCorpus } from '../src/node';

/** The shape of a case the root harness (bench/run.ts) times. */
interface BenchCase {
  readonly name: string;
  run(): void | Promise<void>;
  readonly work?: { readonly count: number; readonly unit: string };
}

const shakespeare = prepareText(loadCorpus('tinyshakespeare'), { length: 100, stride: 1 });
const windowCount = shakespeare.train.count + shakespeare.validation.count;

// Keeps results observable so the JIT cannot drop the work.
let sink = 0;

const cases: BenchCase[] = [
  {
    name: 'parity: 100,000 sequences of length 50',
    run: () => {
      sink += parityTask({ n: 100000, length: 50 }, createRng('bench').fork('data')).targets.data[0];
    },
    work: { count: 100000, unit: 'sequences' },
  },
  {
    name: 'addition: 100,000 examples',
    run: () => {
      sink += additionTask({ n: 100000 }, createRng('bench').fork('data')).targets.data[0];
    },
    work: { count: 100000, unit: 'examples' },
  },
  {
    name: `text: all ${windowCount.toLocaleString('en-US')} windows of tinyshakespeare (length 100)`,
    run: () => {
      for (const windows of [shakespeare.train, shakespeare.validation]) {
        for (let k = 0; k < windows.count; k++) {
          sink += windows.input(k)[0] + windows.target(k)[windows.length - 1];
        }
      }
    },
    work: { count: windowCount, unit: 'windows' },
  },
  {
    name: 'text: encode and split tinyshakespeare (1.1 MB)',
    run: () => {
      sink += prepareText(loadCorpus('tinyshakespeare')).ids[0];
    },
    work: { count: 1115394, unit: 'characters' },
  },
];

export default cases;

/** For tests: the accumulated results, proof the cases did their work. */
export function benchSink(): number {
  return sink;
}
