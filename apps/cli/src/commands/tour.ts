import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import os from 'node:os';
import { MultiBar, SingleBar } from 'cli-progress';
import type { TourStop, TourStopResult } from '@rnn/training';
import { formatMetric, tourReportHtml, type TourExercise, type TourReport } from '@rnn/views';
import { printJson, processIo, type CliIo } from '../cli-io';
import { loadModels, selectBackend } from '../load-models';
import { checkOutputFolder } from '../output-paths';
import { parseIntegerIn, parseSeed } from '../parse-option';
import { runInLanes } from '../tour-lanes';
import type { GlobalOptions } from '../program';
import { TargetsMissedError } from '../targets-missed-error';
import { UsageError } from '../usage-error';

interface TourFlags {
  readonly only?: string;
  readonly out?: string;
  readonly seed?: string;
  readonly jobs?: number;
}

/** Most stops trained at once: one per core, and never more than a few (each holds its own tfjs). */
const mostJobs = 8;
/** Stops trained at once by default: every core of a small machine. */
const defaultJobs = Math.max(1, Math.min(2, os.availableParallelism()));

const reportFile = 'tour.html';
const dataFile = 'tour.json';

/** The stops `--only` names, in the tour's order; every name must be a stop's. */
function chosenStops(stops: readonly TourStop[], only: string | undefined): readonly TourStop[] {
  if (only === undefined) return stops;
  const names = only.split(',').map((n) => n.trim());
  const known = stops.map((s) => s.recipe);
  if (names.some((n) => n === '')) {
    throw new UsageError(
      `--only must list exercises separated by commas, got ${JSON.stringify(only)}; exercises: ${known.join(', ')}`,
    );
  }
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    const hint = unknown.includes('charlm') ? ' (the tour runs charlm by its quick form, charlm-quick)' : '';
    throw new UsageError(
      `--only: no exercise ${unknown.map((n) => JSON.stringify(n)).join(', ')}${hint}; exercises: ${known.join(', ')}`,
    );
  }
  return stops.filter((s) => names.includes(s.recipe));
}

/** The `rnn train` command line that runs a stop's quick form alone. */
export function trainCommandOf(stop: TourStop, seed: string): string {
  const args = ['rnn', 'train', stop.recipe];
  const o = { ...stop.overrides, ...stop.languageModelOverrides } as Record<string, unknown>;
  const flags: Record<string, string> = {
    epochs: '--epochs',
    batchSize: '--batch-size',
    learningRate: '--lr',
    hidden: '--hidden',
    minutes: '--minutes',
  };
  for (const [key, flag] of Object.entries(flags)) if (o[key] !== undefined) args.push(flag, String(o[key]));
  for (const [key, value] of Object.entries((o.task ?? {}) as Record<string, unknown>))
    args.push('--task', `${key}=${value}`);
  if (seed !== '42') args.push('--seed', /^[\w.-]+$/.test(seed) ? seed : JSON.stringify(seed));
  return args.join(' ');
}

/** The notebook of a recipe's source line: `the parity notebook: running targets` -> `the parity notebook`. */
const notebookOf = (source: string) => source.split(':')[0];

function exerciseOf(result: TourStopResult, seed: string): TourExercise {
  const { stop } = result;
  return {
    name: stop.recipe,
    source: notebookOf(result.source),
    shows: stop.shows,
    ...(stop.why ? { note: stop.why } : {}),
    command: trainCommandOf(stop, seed),
    target: result.target,
    reached: result.reached,
    seconds: result.seconds,
    history: { ...result.history, title: stop.recipe },
    ...(result.examples ? { examples: result.examples } : {}),
    ...(result.waves ? { waves: result.waves } : {}),
    ...(result.parity ? { parity: result.parity } : {}),
    ...(result.hiddenStates ? { hiddenStates: result.hiddenStates } : {}),
    ...(result.samples ? { samples: result.samples } : {}),
  };
}

/** The line that says how a stop ended. */
function stopLine(result: TourStopResult, index: number, total: number): string {
  const { target } = result;
  return (
    `[${index + 1}/${total}] ${result.stop.recipe}: ${target.metric} ${formatMetric(target.value)} ` +
    `(target ${target.goal}, ${result.reached ? 'reached' : 'NOT reached'}) in ${result.seconds.toFixed(1)} s\n`
  );
}

/** A progress bar per stop on a terminal; nothing otherwise (the lines after each stop remain). */
function stopProgress(io: CliIo, name: string, index: number, total: number) {
  if (!io.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: `[${index + 1}/${total}] ${name} [{bar}] {percentage}% | loss {loss} | ETA {eta_formatted}`,
    stream: io.stderr as NodeJS.WritableStream,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(1000, 0, { loss: '-' });
  return {
    update: (fraction: number, loss: number) => bar.update(Math.round(fraction * 1000), { loss: loss.toFixed(4) }),
    stop: () => bar.stop(),
  };
}

/** A bar per lane on a terminal, named for the stop it trains; lines printed above them. */
function laneProgress(io: CliIo, jobs: number) {
  if (!io.stderr.isTTY)
    return { update: () => undefined, log: (text: string) => io.stderr.write(text), stop: () => undefined };
  const bars = new MultiBar({
    format: '{name} [{bar}] {percentage}% | loss {loss}',
    stream: io.stderr as NodeJS.WritableStream,
    hideCursor: true,
    clearOnComplete: true,
  });
  const lanes = Array.from({ length: jobs }, () => bars.create(1000, 0, { name: '', loss: '-' }));
  return {
    update: (lane: number, name: string, fraction: number, loss: number) =>
      lanes[lane]?.update(Math.round(fraction * 1000), { name, loss: loss.toFixed(4) }),
    log: (text: string) => bars.log(text),
    stop: () => bars.stop(),
  };
}

/**
 * `rnn tour`: the whole course in minutes. Runs the quick form of every exercise from one seed, a
 * progress bar each on a terminal, then prints one table (exercise, notebook, what it shows, the
 * metric against its target, seconds) and the two Shakespeare samples, and writes a self-contained
 * HTML report with every picture, and the numbers as JSON. Exit 0 when every target was reached, 1
 * when one was not (after writing everything).
 */
export function registerTourCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('tour')
    .description(
      'the whole course in minutes: every exercise in its quick form, one table, an HTML report with pictures',
    )
    .option('--only <names>', 'only these exercises, comma-separated, e.g. parity,copy (default: every one)')
    .option('--out <dir>', `where ${reportFile} and ${dataFile} go (default: runs/tour)`)
    .option('--seed <seed>', 'the one seed of every exercise (default: 42)', parseSeed)
    .option(
      '--jobs <count>',
      `exercises trained at once, each in its own process, 1-${mostJobs} (default: ${defaultJobs}, the cores here up to 2)`,
      parseIntegerIn('--jobs', 1, mostJobs),
    )
    .action(async (flags: TourFlags, command: Command) => {
      const { json, backend } = command.optsWithGlobals<GlobalOptions>();
      if (flags.out !== undefined && flags.out.trim() === '')
        throw new UsageError('--out must name a folder, got an empty path');
      const training = await import('@rnn/training/node');
      const { writeFileAtomic, loadCorpus } = await import('@rnn/datasets/node');
      const stops = chosenStops(training.tourStops, flags.only);
      const dir = flags.out ?? path.join('runs', 'tour');
      // A tour replaces its own two files (running it again is measuring again), nothing else.
      checkOutputFolder('--out', dir, [reportFile, dataFile], true);
      const seed = flags.seed ?? '42';
      const selection = await selectBackend(backend);
      const models = await loadModels();
      const corpus = training.tourCorpusName(stops);
      const jobs = Math.min(flags.jobs ?? defaultJobs, stops.length);
      // Lanes read the corpus themselves; only a tour in this process needs its text here.
      const text = corpus === undefined || jobs > 1 ? undefined : loadCorpus(corpus);
      io.stderr.write(
        `tour: ${stops.length} exercise${stops.length === 1 ? '' : 's'}, seed ${seed}, on ${selection.name} ` +
          `(${models.activeSequenceKernel().name} kernel), ${jobs} at once; a line as each finishes\n`,
      );
      const started = performance.now();
      let results: TourStopResult[];
      if (jobs === 1) {
        results = [];
        for (const [index, stop] of stops.entries()) {
          const progress = stopProgress(io, stop.recipe, index, stops.length);
          let result: TourStopResult;
          try {
            result = await training.runTourStop(stop, {
              seed,
              ...(text !== undefined ? { text } : {}),
              onProgress: (p) => progress.update(p.fraction, p.loss),
            });
          } finally {
            progress.stop();
          }
          results.push(result);
          io.stderr.write(stopLine(result, index, stops.length));
        }
      } else {
        const progress = laneProgress(io, jobs);
        try {
          results = await runInLanes(stops, {
            jobs,
            seed,
            ...(corpus !== undefined ? { corpus } : {}),
            ...(backend !== undefined ? { backend } : {}),
            onProgress: (index, lane, p) =>
              progress.update(lane, `[${index + 1}/${stops.length}] ${stops[index].recipe}`, p.fraction, p.loss),
            onResult: (index, result) => progress.log(stopLine(result, index, stops.length)),
          });
        } finally {
          progress.stop();
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const report: TourReport = {
        seed,
        machine: `${models.describeMachine()}, ${selection.name} backend, ${models.activeSequenceKernel().name} kernel`,
        date: new Date().toISOString().slice(0, 10),
        exercises: results.map((r) => exerciseOf(r, seed)),
        seconds,
      };
      const data = {
        seed,
        machine: report.machine,
        date: report.date,
        seconds,
        // The numbers, not the pictures: the report holds those.
        exercises: report.exercises.map((e) => ({
          name: e.name,
          source: e.source,
          shows: e.shows,
          ...(e.note ? { note: e.note } : {}),
          command: e.command,
          target: e.target,
          reached: e.reached,
          seconds: e.seconds,
          history: e.history,
          ...(e.samples ? { samples: e.samples } : {}),
        })),
      };
      await mkdir(dir, { recursive: true });
      const htmlPath = path.join(dir, reportFile);
      await writeFileAtomic(htmlPath, tourReportHtml(report));
      await writeFileAtomic(path.join(dir, dataFile), `${JSON.stringify(data, null, 2)}\n`);
      if (json) printJson(io, { ...data, report: htmlPath });
      else io.stdout.write(summaryText(report, training.markdownTable) + `\nreport: ${htmlPath}\n`);
      const missed = report.exercises.filter((e) => !e.reached).map((e) => e.name);
      if (missed.length > 0) {
        throw new TargetsMissedError(
          `${missed.length} of ${report.exercises.length} exercises missed their targets: ${missed.join(', ')} (see ${htmlPath})`,
        );
      }
    });
}

type MarkdownTable = typeof import('@rnn/training').markdownTable;

/** The table of every exercise, and the samples of the character models with their bits per character. */
function summaryText(report: TourReport, markdownTable: MarkdownTable): string {
  const table = markdownTable(
    [
      { key: 'exercise', header: 'exercise' },
      { key: 'source', header: 'source notebook' },
      { key: 'shows', header: 'what it shows' },
      { key: 'target', header: 'target' },
      { key: 'value', header: 'value' },
      { key: 'reached', header: 'reached' },
      { key: 'seconds', header: 'seconds', digits: 1 },
    ],
    report.exercises.map((e) => ({
      exercise: e.name,
      source: e.source,
      shows: e.shows,
      target: `${e.target.metric} ${e.target.goal}`,
      value: formatMetric(e.target.value),
      reached: e.reached ? 'reached' : 'NOT reached',
      seconds: e.seconds,
    })),
  );
  const reached = report.exercises.filter((e) => e.reached).length;
  const lines = [
    table,
    '',
    `${reached} of ${report.exercises.length} exercises reached their targets in ${report.seconds.toFixed(0)} s (seed ${report.seed}).`,
  ];
  for (const e of report.exercises) {
    for (const s of e.samples ?? []) {
      lines.push('', `${s.model}, ${s.bitsPerChar.toFixed(3)} bits per character on held-out text:`, s.text.trim());
    }
  }
  return `${lines.join('\n')}\n`;
}
