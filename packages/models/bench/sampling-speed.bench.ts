import * as tf from '@tensorflow/tfjs';
import { createRng, Vocabulary } from '@rnn/datasets';
import { createSampler, generate, type Sampler } from '@rnn/sampling';
import {
  buildModel,
  LanguageModel,
  loadNativeKernels,
  loadWasmKernels,
  quietTfjsWarnings,
  SequenceModel,
  useBackend,
  type NativeKernelStatus,
  type SequenceModelSpec,
  type WasmKernelStatus,
} from '../src/node';

/**
 * Characters per second of generation from a character language model, batch 1, one model step per
 * character: `generate` of `@rnn/sampling` on the `LanguageModel` step model, on the cpu backend with
 * the kernels the CLI loads. The PyTorch anchor (bench/anchors/torch_sampling_bench.py) runs the
 * same loop; the harness runs it in the same `npm run bench` and puts both in one table.
 */

/** Tinyshakespeare's characters but `$` (it occurs once): with id 0 reserved, 65 ids, as the PyTorch anchor has. */
const alphabet = "\n !&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const vocabulary = Vocabulary.fromSymbols([...alphabet]);
const spec: SequenceModelSpec = {
  architecture: 'lm',
  input: { type: 'embedding', vocabSize: 65, dim: 64 },
  rnn: { kind: 'lstm', units: 512, layers: 2 },
  outputSize: 65,
};
/** The anchor primes with the same text and generates as many characters: keep them in step. */
const prime = 'ROMEO:\n';
const length = 300;

// Each case runs in a child process of its own: one tfjs console banner per case is noise.
quietTfjsWarnings();

/** A case of the root harness, with the fields the sampling-speed table reads. */
export interface SamplingCase {
  readonly name: string;
  /** How the next character is chosen, as the table shows it. */
  readonly sampling: string;
  readonly shape: string;
  /** The PyTorch anchor's line for the same loop. */
  readonly anchor: string;
  readonly work: { readonly count: number; readonly unit: string };
  /** What ran, known after setup: backend and kernels. */
  describe(): string;
  setup(): Promise<void>;
  run(): Promise<void>;
  teardown(): void;
}

function describeKernels(native: NativeKernelStatus, wasm: WasmKernelStatus): string {
  if (native.info) return `native addon (${native.info.simd}, ${native.info.threads} threads)`;
  return wasm.loaded ? 'wasm kernels (native addon not built)' : 'no compiled kernels (tfjs JavaScript)';
}

function samplingCase(sampling: string, anchor: string, sampler: Sampler): SamplingCase {
  let model: SequenceModel | undefined;
  let lm: LanguageModel | undefined;
  let ran = '';
  // Each run draws from a fresh stream, so a run cannot settle into a cheap loop the others miss.
  let seed = 0;
  return {
    name: `charlm-512x2 ${sampling}: ${length} chars after a ${prime.length}-char prime, batch 1`,
    sampling,
    shape: `embedding 64, LSTM 512x2, vocab 65, batch 1; ${prime.length}-char prime, then ${length} chars`,
    anchor,
    // The prime's steps are in every run but not in the count: the anchor does the same.
    work: { count: length, unit: 'chars' },
    describe: () => ran,
    async setup() {
      // As the CLI does: both kernel packages offered, the native addon first where it built.
      const native = loadNativeKernels();
      const wasm = loadWasmKernels();
      await useBackend('cpu');
      const built = buildModel(spec, createRng(2).fork('init'));
      if (!(built instanceof SequenceModel)) throw new Error('an lm spec must build a SequenceModel');
      model = built;
      lm = new LanguageModel(model, vocabulary);
      ran = `${tf.getBackend()}, ${describeKernels(native, wasm)}`;
    },
    async run() {
      const result = await generate(lm!, { prime, length, sampler, rng: createRng(++seed) });
      if (result.tokens.length !== length) throw new Error(`generated ${result.tokens.length} of ${length} chars`);
    },
    teardown() {
      model?.dispose();
    },
  };
}

/** Greedy and top-p sampling on the same model, each timed against its line of the PyTorch anchor. */
const cases: SamplingCase[] = [
  samplingCase('greedy', 'sample-lstm-512x2-greedy', createSampler({ temperature: 0 })),
  samplingCase('top-p 0.9', 'sample-lstm-512x2-top-p', createSampler({ topP: 0.9, temperature: 1 })),
];

export default cases;
