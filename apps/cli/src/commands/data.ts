import { Command, Option } from 'commander';
import {
  createRng,
  createTask,
  describeTask,
  formatExample,
  maxTaskValues,
  taskNames,
  type OptionSpec,
  type TaskInfo,
} from '@rnn/datasets';
import { corpusNames, loadCorpus } from '@rnn/datasets/node';
import {
  formatCount,
  parseIntegerIn,
  parseNumber,
  parseNumberList,
  parseSeed,
  rangeText,
  sizeLimits,
} from '../parse-option';
import { printJsonLine, processIo, type CliIo } from '../cli-io';
import type { GlobalOptions } from '../program';
import { UsageError } from '../usage-error';

/** Examples printed when `--n` is not given: a look at the data, not a data set. */
const defaultCount = 10;
const defaultSeed = '42';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const showDefault = (spec: OptionSpec) =>
  !('default' in spec) || spec.default === undefined
    ? ''
    : Array.isArray(spec.default)
      ? spec.default.map((v) => JSON.stringify(v)).join(',')
      : String(spec.default);

/** A task option as the command line offers it: its spec and the tasks that take it. */
interface TaskFlag {
  readonly spec: OptionSpec;
  readonly tasks: string[];
}

/** The commander options for one task option, named in kebab case. */
function flagsFor(name: string, { spec, tasks }: TaskFlag): Option[] {
  const flag = `--${kebab(name)}`;
  // An option several tasks share has a meaning and default per task: the task list says which.
  const text = tasks.length === 1 ? `${tasks[0]}: ${spec.description}` : `${tasks.join(', ')}: see the tasks below`;
  switch (spec.type) {
    case 'boolean':
      return [new Option(flag, text), new Option(`--no-${kebab(name)}`, `turn off ${flag}`)];
    case 'integer':
    case 'number':
      return [new Option(`${flag} <number>`, text).argParser(parseNumber)];
    case 'numbers':
      return [new Option(`${flag} <list>`, `${text} (comma-separated)`).argParser(parseNumberList)];
    case 'choice':
      return [new Option(`${flag} <${spec.choices.join('|')}>`, text)];
    case 'string':
      return [new Option(`${flag} <text>`, text)];
    case 'strings':
      return [new Option(`${flag} <text...>`, text)];
  }
}

/** Every option of every task, each once (the registry guarantees one type per name). */
function allTaskOptions(): Map<string, TaskFlag> {
  const options = new Map<string, TaskFlag>();
  for (const task of taskNames) {
    for (const [name, spec] of Object.entries(describeTask(task).options)) {
      // `n` is the command's own --n; `text` comes from --corpus.
      if (name === 'n' || name === 'text') continue;
      const known = options.get(name);
      if (known) known.tasks.push(task);
      else options.set(name, { spec, tasks: [task] });
    }
  }
  return options;
}

/** The flags a task takes, e.g. `--min-length`, for messages. */
function flagsOf(info: TaskInfo): string[] {
  const flags = Object.keys(info.options)
    .filter((o) => o !== 'text')
    .map((o) => `--${kebab(o)}`);
  return info.name === 'text' ? [...flags, '--corpus'] : flags;
}

function taskList(): string {
  const width = Math.max(...taskNames.map((t) => t.length));
  const lines = taskNames.map((t) => {
    const info = describeTask(t);
    const flags = Object.entries(info.options)
      .filter(([o]) => o !== 'text' && o !== 'n')
      .map(
        ([o, spec]) =>
          `  ${' '.repeat(width)}    --${kebab(o)}  ${spec.description}${showDefault(spec) ? ` [${showDefault(spec)}]` : ''}`,
      );
    return [`  ${t.padEnd(width)}  ${info.description}`, ...flags].join('\n');
  });
  return (
    `\nTasks (task defaults in brackets):\n${lines.join('\n')}\n\n` +
    `A task builds its examples in memory: --n times the steps of the longest example (times its\n` +
    `features) is at most ${formatCount(maxTaskValues)} values.\n`
  );
}

/** The task options given on the command line, by API name; a flag the task does not take is an error. */
function taskOptions(
  info: TaskInfo,
  given: Record<string, unknown>,
  all: Map<string, TaskFlag>,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const name of all.keys()) {
    if (given[name] === undefined) continue;
    if (!(name in info.options)) {
      const takes = flagsOf(info);
      throw new UsageError(
        `the ${info.name} task does not take --${kebab(name)}; it takes ${takes.length ? takes.join(', ') : 'no options'}`,
      );
    }
    options[name] = given[name];
  }
  return options;
}

/**
 * `rnn data <task>`: prints examples of a task generator of @rnn/datasets, decoded for people
 * (`123+4567 -> 4690`) or, with the global `--json`, as JSON Lines `{"input", "target", "length"}`.
 * Task options mirror the API's names in kebab case (`--min-length`, `--reverse`, `--targets final`).
 */
export function registerDataCommand(program: Command, io: CliIo = processIo): void {
  const all = allTaskOptions();
  const command = program
    .command('data')
    .description('print examples of a task generator (decoded; JSON Lines with --json)')
    .argument('<task>', `the task: ${taskNames.join(', ')}`)
    .option(
      '--n <count>',
      `examples to print, ${rangeText(1, sizeLimits.dataExamples)} (default: ${defaultCount})`,
      parseIntegerIn('--n', 1, sizeLimits.dataExamples),
    )
    .option('--seed <seed>', `seed of the data stream (default: ${defaultSeed})`, parseSeed)
    .option(
      '--corpus <name-or-file>',
      `text task: ${corpusNames.join(', ')} or a UTF-8 text file (default: tinyshakespeare)`,
    );
  for (const [name, spec] of all) for (const option of flagsFor(name, spec)) command.addOption(option);
  command.addHelpText('after', taskList());
  command.action((task: string, given: Record<string, unknown>, cmd: Command) => {
    const { json } = cmd.optsWithGlobals<GlobalOptions>();
    const info = describeTask(task); // an unknown task is a RangeError listing the names
    const options = taskOptions(info, given, all);
    const count = (given.n as number | undefined) ?? defaultCount;
    if ('n' in info.options) options.n = count;
    if (given.corpus !== undefined && info.name !== 'text') {
      throw new UsageError(`--corpus is for the text task only, not ${info.name}`);
    }
    if (info.name === 'text') options.text = loadCorpus((given.corpus as string | undefined) ?? 'tinyshakespeare');
    const seed = (given.seed as string | undefined) ?? defaultSeed;
    const data = createTask(info.name, options, createRng(seed).fork('data'));
    const shown = Math.min(count, data.size);
    for (let i = 0; i < shown; i++) {
      const example = data.decode(i);
      if (json) printJsonLine(io, { input: example.input, target: example.target, length: example.length });
      else io.stdout.write(`${formatExample(example)}\n`);
    }
  });
}
