import type { Command } from 'commander';
import { charactersOutside, createRng } from '@rnn/datasets';
import { beamSearch, countSteps, createSampler, generate } from '@rnn/sampling';
import { printJson, processIo, type CliIo } from '../cli-io';
import { selectBackend } from '../load-models';
import { requirePath } from '../output-paths';
import {
  formatCount,
  parseInteger,
  parseIntegerIn,
  parseNumber,
  parseSeed,
  rangeText,
  sizeLimits,
} from '../parse-option';
import type { GlobalOptions } from '../program';
import { UsageError } from '../usage-error';

const defaultSeed = '42';
const defaultLength = 500;
/** Enough of an alphabet to recognise it in a one-line message; the count says how many there are. */
const shownKnown = 40;
const shownUnknown = 10;

interface SampleFlags {
  readonly prime?: string;
  readonly length: number;
  readonly temperature?: number;
  readonly topK?: number;
  readonly topP?: number;
  readonly beam?: number;
  readonly seed?: string;
}

/**
 * Characters for a one-line message: each quoted as JSON quotes it (so a newline shows as `\n`),
 * `each` separately or all in one string, the first `max` of them and `…` for the rest.
 */
export function showCharacters(characters: readonly string[], max: number, each: boolean): string {
  const shown = characters.slice(0, max);
  const more = characters.length > max ? '…' : '';
  return each ? shown.map((c) => JSON.stringify(c)).join(', ') + more : JSON.stringify(shown.join('')) + more;
}

/** What a text outside a model's alphabet gets told: the characters it never saw, and those it knows. */
export function unknownCharactersMessage(what: string, unknown: readonly string[], known: readonly string[]): string {
  return (
    `${what} has characters the model never saw: ${showCharacters(unknown, shownUnknown, true)}; ` +
    `it knows ${known.length} characters: ${showCharacters(known, shownKnown, false)}`
  );
}

/** The flags checked before any model is loaded, each message naming its flag. */
function checkFlags(flags: SampleFlags): void {
  if (!(flags.length >= 0)) throw new RangeError(`--length must be an integer >= 0, got ${flags.length}`);
  if (flags.temperature !== undefined && !(flags.temperature > 0)) {
    throw new RangeError(`--temperature must be > 0 (for greedy text use --beam 1), got ${flags.temperature}`);
  }
  if (flags.topK !== undefined && !(flags.topK >= 1)) {
    throw new RangeError(`--top-k must be an integer >= 1, got ${flags.topK}`);
  }
  if (flags.topP !== undefined && !(flags.topP > 0 && flags.topP <= 1)) {
    throw new RangeError(`--top-p must be in (0, 1], got ${flags.topP}`);
  }
  if (flags.beam === undefined) return;
  if (!(flags.beam >= 1)) throw new RangeError(`--beam must be an integer >= 1, got ${flags.beam}`);
  const sampling = (
    [
      ['--temperature', flags.temperature],
      ['--top-k', flags.topK],
      ['--top-p', flags.topP],
      ['--seed', flags.seed],
    ] as const
  )
    .filter(([, v]) => v !== undefined)
    .map(([name]) => name);
  if (sampling.length > 0) {
    throw new UsageError(
      `--beam does not combine with ${sampling.join(', ')}: beam search keeps the most likely continuations, it does not sample`,
    );
  }
}

/**
 * `rnn sample DIR`: writes text with the language model a run folder holds (`rnn train charlm |
 * charlm-quick | sentences --out DIR`), one model step per character, the state carrying the
 * history. Sampling streams each character to stdout as it is chosen; `--beam W` prints the most
 * likely continuation beam search found, when it is done. stdout carries exactly the prime and the
 * generated text (a final newline only on a terminal); `--json` prints one document instead.
 */
export function registerSampleCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('sample')
    .description('write text with a trained language model (rnn train charlm|charlm-quick|sentences --out DIR)')
    .argument('<dir>', 'the folder rnn train --out wrote')
    .option(
      '--prime <text>',
      'text the model reads first (default: a newline if the model knows one, else the first character it was trained on)',
    )
    .option(
      '--length <n>',
      `characters to generate, ${rangeText(0, sizeLimits.sampleLength)}`,
      parseIntegerIn('--length', 0, sizeLimits.sampleLength),
      defaultLength,
    )
    .option('--temperature <t>', 'sampling temperature > 0 (default 1); --beam 1 is greedy', parseNumber)
    .option('--top-k <k>', 'sample only among the k most likely characters', parseInteger)
    .option('--top-p <p>', 'sample only from the smallest set with probability >= p, in (0, 1]', parseNumber)
    .option(
      '--beam <w>',
      `beam search of width w, 1 to ${formatCount(sizeLimits.beamWidth)}, instead of sampling (1 is greedy)`,
      parseIntegerIn('--beam', 1, sizeLimits.beamWidth),
    )
    .option('--seed <seed>', `seed of the sampling stream (default ${defaultSeed})`, parseSeed)
    .action(async (dir: string, flags: SampleFlags, command: Command) => {
      const { json, backend } = command.optsWithGlobals<GlobalOptions>();
      requirePath('DIR', dir, 'a run folder');
      checkFlags(flags);
      const sampler =
        flags.beam === undefined
          ? createSampler({ temperature: flags.temperature, topK: flags.topK, topP: flags.topP })
          : undefined;
      const seed = flags.seed ?? defaultSeed;
      const training = await import('@rnn/training/node');
      await selectBackend(backend);
      const run = await training.loadLanguageModelRun(dir);
      try {
        const prime = flags.prime ?? training.defaultPrime(run);
        if (prime === '') {
          throw new UsageError('--prime must not be empty: an RNN predicts nothing before it has read a character');
        }
        const unknown = charactersOutside(run.vocabulary, prime);
        if (unknown.length > 0)
          throw new UsageError(unknownCharactersMessage('the prime', unknown, run.vocabulary.symbols));
        const model = countSteps(run.model);
        let generated: string;
        let logProbability: number | undefined;
        if (sampler === undefined) {
          const [best] = await beamSearch(model, { prime, beamWidth: flags.beam as number, length: flags.length });
          ({ text: generated, logProbability } = best);
          if (!json) io.stdout.write(prime + generated);
        } else {
          if (!json) io.stdout.write(prime);
          const result = await generate(model, {
            prime,
            length: flags.length,
            sampler,
            rng: createRng(seed).fork('sample'),
            ...(json ? {} : { onToken: (piece: string) => io.stdout.write(piece) }),
          });
          generated = result.generated;
        }
        const text = prime + generated;
        if (json) {
          const beam = flags.beam === undefined ? {} : { beam: flags.beam, logProbability };
          printJson(io, { prime, generated, text, seed: sampler ? seed : null, steps: model.steps, ...beam });
          return;
        }
        // A final newline only on a terminal, so that piping keeps the text intact.
        if (io.stdout.isTTY && !text.endsWith('\n')) io.stdout.write('\n');
      } finally {
        run.dispose();
      }
    });
}
