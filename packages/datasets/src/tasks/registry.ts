import type { Dataset } from '../dataset';
import type { Rng } from '../rng';
import { checkOptionNames, checkRng, show } from '../validate';
import { additionOptionSpecs, additionTask } from './addition';
import { copyOptionSpecs, copyTask } from './copy';
import { countingOptionSpecs, countingTask } from './counting';
import { increasingOptionSpecs, increasingTask } from './increasing';
import { operandsOptionSpecs, operandsTask } from './operands';
import type { OptionSpecs } from './option-spec';
import { parityOptionSpecs, parityTask } from './parity';
import { sentencesOptionSpecs, sentencesTask } from './sentences';
import { sineOptionSpecs, sineTask } from './sine';
import { textOptionSpecs, textTask } from './text';
import { wavesOptionSpecs, wavesTask } from './waves';

/** Every task generator's name, in the order of the notebooks that define them. */
export const taskNames = [
  'sine',
  'waves',
  'operands',
  'copy',
  'addition',
  'parity',
  'text',
  'sentences',
  'increasing',
  'counting',
] as const;

/** The name of a task generator. */
export type TaskName = (typeof taskNames)[number];

/** What the registry knows of a task: enough for a CLI or a UI to offer it and its options. */
export interface TaskInfo {
  readonly name: TaskName;
  /** One line on what the task is. */
  readonly description: string;
  /** The source notebook it comes from. */
  readonly source: string;
  /** Its options by API name, with types, defaults and ranges. For `text`, `text` is required. */
  readonly options: OptionSpecs;
}

interface Entry extends TaskInfo {
  create(options: Record<string, unknown>, rng: Rng): Dataset;
}

function withoutKey(options: Record<string, unknown>, key: string): Record<string, unknown> {
  const rest = { ...options };
  delete rest[key];
  return rest;
}

const entries: Record<TaskName, Entry> = {
  sine: {
    name: 'sine',
    description: 'next-step prediction on weighted sums of sines with random phases',
    source: '001 (linear RNN on sinusoids)',
    options: sineOptionSpecs,
    create: (o, rng) => sineTask(o, rng),
  },
  waves: {
    name: 'waves',
    description: 'one-to-many: a one-hot frequency in, the sine wave out',
    source: '000 (the oscillator)',
    options: wavesOptionSpecs,
    create: (o, rng) => wavesTask(o, rng),
  },
  operands: {
    name: 'operands',
    description: 'many-to-one: steps of [digit, op]; is the total > 0?',
    source: '000 (the pocket calculator)',
    options: operandsOptionSpecs,
    create: (o, rng) => operandsTask(o, rng),
  },
  copy: {
    name: 'copy',
    description: 'encoder-decoder: copy (or reverse) a symbol sequence ending in a stop symbol',
    source: '001 (copy/reverse, stop symbol, loss masks)',
    options: copyOptionSpecs,
    create: (o, rng) => copyTask(o, rng),
  },
  addition: {
    name: 'addition',
    description: 'encoder-decoder: the text "x+y" in, the decimal sum out',
    source: '001 (an LSTM that adds)',
    options: additionOptionSpecs,
    create: (o, rng) => additionTask(o, rng),
  },
  parity: {
    name: 'parity',
    description: 'random bits; the parity of every prefix (running) or of the whole sequence (final)',
    source: '004 (parity / XOR)',
    options: parityOptionSpecs,
    create: (o, rng) => parityTask(o, rng),
  },
  text: {
    name: 'text',
    description: 'next-character windows sampled from a text, with a contiguous validation split',
    source: '001 (character LSTM)',
    options: { text: { type: 'string', description: 'the corpus (required)' }, ...textOptionSpecs },
    create: (o, rng) => {
      if (typeof o.text !== 'string' || o.text.length === 0) {
        throw new RangeError(`text: option text must be the corpus as a non-empty string, got ${show(o.text)}`);
      }
      return textTask(o.text, withoutKey(o, 'text'), rng);
    },
  },
  sentences: {
    name: 'sentences',
    description: 'next-character pairs of short sentences padded with spaces (deterministic)',
    source: '002 (sentence completion)',
    options: sentencesOptionSpecs,
    create: (o) => sentencesTask(o),
  },
  increasing: {
    name: 'increasing',
    description: 'many-to-one: steps of two numbers; does the per-step sum strictly increase?',
    source: '003 (increasing sum)',
    options: increasingOptionSpecs,
    create: (o, rng) => increasingTask(o, rng),
  },
  counting: {
    name: 'counting',
    description: 'one-to-many: an integer in, the next integers out',
    source: '003 (one-to-many counting)',
    options: countingOptionSpecs,
    create: (o, rng) => countingTask(o, rng),
  },
};

function entry(name: unknown): Entry {
  if (typeof name !== 'string' || !(taskNames as readonly string[]).includes(name)) {
    throw new RangeError(`task must be one of ${taskNames.join(', ')}; got ${show(name)}`);
  }
  return entries[name as TaskName];
}

/** Whether `name` is a task of the registry. */
export function isTaskName(name: unknown): name is TaskName {
  return typeof name === 'string' && (taskNames as readonly string[]).includes(name);
}

/** The registry's description of task `name`; an unknown name is a RangeError listing the names. */
export function describeTask(name: string): TaskInfo {
  const e = entry(name);
  return { name: e.name, description: e.description, source: e.source, options: e.options };
}

/**
 * Generates task `name` with `options` (API names, defaults filled in, every value checked) from
 * `rng` (use a dedicated stream, e.g. `createRng(seed).fork('data')`). An unknown task or option, or
 * a value out of range, is a RangeError naming it and what is allowed.
 *
 * @example
 * const data = createTask('copy', { n: 100, reverse: true }, createRng(42).fork('data'));
 * data.decode(0); // { input: 'abcab', target: 'bacba', length: 5 }
 */
export function createTask(name: string, options: Record<string, unknown> = {}, rng?: Rng): Dataset {
  const e = entry(name);
  checkOptionNames(e.name, options, Object.keys(e.options));
  if (e.name !== 'sentences') checkRng(e.name, rng);
  return e.create(options, rng as Rng);
}
