import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { StudyResult } from '@rnn/training';
import { printJson, processIo, type CliIo } from '../cli-io';
import { loadModels, selectBackend } from '../load-models';
import { checkOutputFolder } from '../output-paths';
import { UsageError } from '../usage-error';
import type { GlobalOptions } from '../program';
import { parseSeed } from '../parse-option';

interface StudyFlags {
  readonly seed?: string;
  readonly out?: string;
}

/**
 * The study names for the help text, written out so `rnn study --help` does not load tfjs; the
 * command's test holds them to the registry.
 */
export const studyNamesForHelp = 'sine, addition or parity';

/**
 * The folder a study writes into: `--out`, else `runs/study-<name>`. Checked before any training,
 * like every output path: not empty, not a file, not inside a run's checkpoint. A study replaces
 * its own two files there (running it again is re-measuring it), nothing else.
 */
function outputFolder(out: string | undefined, name: string): string {
  // A blank name is as surely a slip as an empty one (an unset shell variable, a stray quote).
  if (out !== undefined && out.trim() === '') throw new UsageError('--out must name a folder, got an empty path');
  const dir = out ?? path.join('runs', `study-${name}`);
  checkOutputFolder('--out', dir, [`study-${name}.md`, `study-${name}.json`], true);
  return dir;
}

/** One progress line per finished variant: its target value, whether it reached it, and its time. */
function variantLine(row: StudyResult['rows'][number], index: number, total: number): string {
  const { target } = row;
  return (
    `[${index + 1}/${total}] ${row.label}: ${target.metric} ${Number(target.value.toPrecision(4))} ` +
    `(${row.reached ? 'reached' : 'not reached'}) in ${row.seconds.toFixed(1)} s\n`
  );
}

/**
 * `rnn study NAME`: answers one of the notebooks' questions by measurement. Trains every variant of
 * the study with one budget and one seed, prints the table (markdown, or one JSON document with
 * --json), and writes it as study-NAME.md and study-NAME.json into --out.
 */
export function registerStudyCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('study')
    .description("answer a notebook's question by measurement: train variants with one budget, tabulate them")
    .argument('<name>', `the study: ${studyNamesForHelp}`)
    .option('--seed <seed>', 'the one seed every variant trains from (default: 42)', parseSeed)
    .option('--out <dir>', 'where study-NAME.md and study-NAME.json go (default: runs/study-NAME)')
    .action(async (name: string, flags: StudyFlags, command: Command) => {
      const { json, backend } = command.optsWithGlobals<GlobalOptions>();
      const training = await import('@rnn/training/node');
      const { writeFileAtomic } = await import('@rnn/datasets/node');
      const study = training.findStudy(name);
      const dir = outputFolder(flags.out, study.name);
      const seed = flags.seed ?? '42';
      const selection = await selectBackend(backend);
      const tty = io.stderr.isTTY === true;
      if (tty) {
        io.stderr.write(
          `study ${study.name}: ${study.variants.length} variants, seed ${seed}, on ${selection.name}; ` +
            `a line as each finishes\n`,
        );
      }
      const started = performance.now();
      const result = await training.runStudy(study, {
        seed,
        onVariant: (row, { index, total }) => {
          if (tty) io.stderr.write(variantLine(row, index, total));
        },
      });
      const { markdown, ...data } = result;
      const models = await loadModels();
      const report = {
        ...data,
        backend: selection.name,
        kernel: models.activeSequenceKernel().name,
        seconds: (performance.now() - started) / 1000,
      };
      await mkdir(dir, { recursive: true });
      const base = path.join(dir, `study-${study.name}`);
      await writeFileAtomic(`${base}.md`, markdown);
      await writeFileAtomic(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
      if (tty) io.stderr.write(`wrote ${base}.md and ${base}.json in ${report.seconds.toFixed(0)} s\n`);
      if (json) printJson(io, report);
      else io.stdout.write(markdown);
    });
}
