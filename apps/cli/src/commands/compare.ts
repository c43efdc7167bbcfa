import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { charactersOutside, createRng, splitCorpus } from '@rnn/datasets';
import { loadCorpus } from '@rnn/datasets/node';
import { baselineOrders, loadMarkov, markovBaseline, trainMarkov, type MarkovModel } from '@rnn/markov/node';
import { createSampler, generate, type StepModel } from '@rnn/sampling';
import type { LanguageModelRun } from '@rnn/training/node';
import { printJson, processIo, type CliIo } from '../cli-io';
import { selectBackend } from '../load-models';
import { requirePath } from '../output-paths';
import type { GlobalOptions } from '../program';
import { UsageError } from '../usage-error';
import { unknownCharactersMessage } from './sample';

/** Characters generated to time sampling: enough to average out one slow step, quick on a big model. */
const speedLength = 200;
const speedSeed = '42';

interface CompareFlags {
  readonly text?: string;
}

/** One model's line of the comparison. */
interface Row {
  readonly model: string;
  readonly kind: 'rnn' | 'markov';
  readonly bitsPerChar: number;
  readonly charsPerSecond: number;
  /** Characters scored (predicted), which differ a little between models: see the README. */
  readonly characters: number;
}

/** A path given on the command line, told apart by what it is: a run folder or a Markov model file. */
interface Entry {
  readonly path: string;
  readonly kind: 'rnn' | 'markov';
}

function entryOf(given: string): Entry {
  // A missing path is Node's ENOENT here, which runCli reports as one line naming it.
  if (!statSync(given).isDirectory()) return { path: given, kind: 'markov' };
  if (!existsSync(path.join(given, 'latest.json'))) {
    throw new UsageError(
      `${given} is a folder without a run (no latest.json): give run folders of rnn train --out or model files of rnn markov train --out`,
    );
  }
  return { path: given, kind: 'rnn' };
}

/**
 * Characters per second of sampling from the model's own distribution, seeded: one step per
 * character, so this is the model's step rate with the sampling around it.
 */
async function charsPerSecond(model: StepModel<unknown>, prime: string): Promise<number> {
  const sampler = createSampler();
  const rng = createRng(speedSeed).fork('compare');
  // The first steps of a tfjs model compile and allocate; they are not its speed.
  await generate(model, { prime, length: 4, sampler, rng });
  const start = performance.now();
  await generate(model, { prime, length: speedLength, sampler, rng });
  return speedLength / ((performance.now() - start) / 1000);
}

/** A corpus the runs were trained on, by the name they recorded, and its text. */
interface Corpus {
  readonly name: string;
  readonly text: string;
}

/** The distinct corpora of the runs, by content: the same file named two ways is one corpus. */
function corporaOf(runs: readonly LanguageModelRun[]): Corpus[] {
  const corpora: Corpus[] = [];
  for (const run of runs) {
    if (run.corpus === undefined || corpora.some((c) => c.name === run.corpus)) continue;
    const text = loadCorpus(run.corpus);
    if (!corpora.some((c) => c.text === text)) corpora.push({ name: run.corpus, text });
  }
  return corpora;
}

const formatBits = (bits: number): string => (Number.isFinite(bits) ? bits.toFixed(4) : 'inf');
const jsonNumber = (value: number): number | null => (Number.isFinite(value) ? value : null);

function table(rows: readonly Row[], description: string, length: number): string {
  const header = ['model', 'kind', 'bits/char', 'chars/s', 'characters'];
  const cells = rows.map((r) => [
    r.model,
    r.kind,
    formatBits(r.bitsPerChar),
    String(Math.round(r.charsPerSecond)),
    String(r.characters),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  // Names and kinds read left to right; numbers line up on their last digit.
  const line = (c: readonly string[]): string =>
    c
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [`bits per character on ${description} (${length} characters)`, line(header), ...cells.map(line), ''].join(
    '\n',
  );
}

/**
 * `rnn compare PATH...`: scores RNN run folders and Markov model files on one held-out text in bits
 * per character, one row per model, with how fast each samples. By default the text is the
 * validation part of the runs' corpus (`splitCorpus`), and the best Kneser-Ney order trained on the
 * same split's training part is added as a row, so an RNN is always seen beside its baseline.
 */
export function registerCompareCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('compare')
    .description('score RNN runs and Markov models on one held-out text: bits per character and sampling speed')
    .argument(
      '<paths...>',
      'run folders of rnn train --out (charlm, charlm-quick, sentences) or files of rnn markov train',
    )
    .option('--text <file>', "score this whole file (default: the validation part of the runs' corpus)")
    .action(async (paths: string[], flags: CompareFlags, command: Command) => {
      const { json, backend } = command.optsWithGlobals<GlobalOptions>();
      for (const given of paths) requirePath('PATH', given, 'a run folder or a Markov model file');
      requirePath('--text', flags.text, 'a file');
      const entries = paths.map(entryOf);
      const given = flags.text === undefined ? undefined : loadCorpus(flags.text);
      const markovs = new Map<string, MarkovModel>();
      for (const e of entries) if (e.kind === 'markov') markovs.set(e.path, await loadMarkov(e.path));
      const runs = new Map<string, LanguageModelRun>();
      // tfjs loads only when there is an RNN to run: Markov models alone start fast.
      const training = entries.some((e) => e.kind === 'rnn') ? await import('@rnn/training/node') : undefined;
      try {
        if (training) {
          await selectBackend(backend);
          for (const e of entries) if (e.kind === 'rnn') runs.set(e.path, await training.loadLanguageModelRun(e.path));
        }
        const corpora = corporaOf([...runs.values()]);
        let text: string;
        let description: string;
        if (given !== undefined) {
          text = given;
          description = flags.text as string;
        } else if (corpora.length === 1) {
          text = splitCorpus(corpora[0].text).validation;
          description = `the validation part of ${corpora[0].name}`;
        } else if (corpora.length === 0) {
          throw new UsageError(
            'nothing to score by default: only runs of a corpus (charlm, charlm-quick) have a validation part; give --text FILE',
          );
        } else {
          throw new UsageError(
            `the runs were trained on different corpora (${corpora.map((c) => c.name).join(', ')}); give --text FILE to score them on one text`,
          );
        }
        for (const [dir, run] of runs) {
          const unknown = charactersOutside(run.vocabulary, text);
          if (unknown.length > 0) {
            throw new UsageError(`${dir}: ${unknownCharactersMessage('the text', unknown, run.vocabulary.symbols)}`);
          }
        }
        const prime = String.fromCodePoint(text.codePointAt(0) ?? 10);
        const rows: Row[] = [];
        for (const e of entries) {
          const run = runs.get(e.path);
          if (run !== undefined && training !== undefined) {
            // Wide forward passes, as training measures validation: stepping one character at a
            // time through a large LSTM would take minutes on a corpus's validation part.
            const score = training.corpusBitsPerChar(run.model.model, run.vocabulary.encode(text));
            rows.push({
              model: `${e.path} (${run.recipe})`,
              kind: 'rnn',
              bitsPerChar: score.bitsPerChar,
              charsPerSecond: await charsPerSecond(run.model, prime),
              characters: score.characters,
            });
          } else {
            const model = markovs.get(e.path) as MarkovModel;
            const score = model.score(text);
            const info = model.info();
            rows.push({
              model: `${e.path} (markov order ${info.order}, ${info.smoothing})`,
              kind: 'markov',
              bitsPerChar: score.bitsPerChar,
              charsPerSecond: await charsPerSecond(model, prime),
              characters: score.positions,
            });
          }
        }
        for (const corpus of corpora) {
          const split = splitCorpus(corpus.text);
          const { order } = markovBaseline(split, baselineOrders);
          const model = trainMarkov(split.train, { order, smoothing: { kind: 'kneser-ney' } });
          const score = model.score(text);
          const of = corpora.length > 1 ? ` of ${corpus.name}` : '';
          rows.push({
            model: `markov order ${order} (best on validation${of})`,
            kind: 'markov',
            bitsPerChar: score.bitsPerChar,
            charsPerSecond: await charsPerSecond(model, prime),
            characters: score.positions,
          });
        }
        if (json) {
          printJson(io, {
            rows: rows.map((r) => ({ ...r, bitsPerChar: jsonNumber(r.bitsPerChar) })),
            text: description,
          });
          return;
        }
        io.stdout.write(table(rows, description, [...text].length));
      } finally {
        for (const run of runs.values()) run.dispose();
      }
    });
}
