import { createRng } from '../rng';
import { checkTaskSize, maxTaskValues } from '../validate';
import { expectConsistent } from './check-dataset.testing';
import { createTask, describeTask, isTaskName, taskNames } from './registry';

const corpus = 'To be, or not to be, that is the question. '.repeat(30);

function optionsFor(name: string, n: number): Record<string, unknown> {
  if (name === 'sentences') return {};
  if (name === 'text') return { n, text: corpus, length: 12 };
  return { n };
}

function json(name: string, seed: number, n = 8): string {
  const d = createTask(name, optionsFor(name, n), createRng(seed).fork('data'));
  return Array.from({ length: d.size }, (_, i) => JSON.stringify(d.decode(i))).join('\n');
}

describe('task registry', () => {
  it('names the ten tasks', () => {
    expect(taskNames).toEqual([
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
    ]);
    expect(isTaskName('copy')).toBe(true);
    expect(isTaskName('paste')).toBe(false);
  });

  it.each(taskNames)('%s: consistent, same seed identical, different seed differs', (name) => {
    const d = createTask(name, optionsFor(name, 8), createRng(1).fork('data'));
    expect(d.task).toBe(name);
    expectConsistent(d);
    expect(json(name, 1)).toBe(json(name, 1));
    if (name !== 'sentences') expect(json(name, 1)).not.toBe(json(name, 2));
  });

  it.each(taskNames.filter((n) => n !== 'sentences'))('%s: the first examples do not depend on n', (name) => {
    const few = json(name, 5, 3).split('\n');
    const many = json(name, 5, 40).split('\n');
    expect(many.slice(0, 3)).toEqual(few);
  });

  it('describes each task with declared options, one type per option name across tasks', () => {
    const types = new Map<string, string>();
    for (const name of taskNames) {
      const info = describeTask(name);
      expect(info.description.length).toBeGreaterThan(10);
      for (const [option, spec] of Object.entries(info.options)) {
        expect(spec.description.length).toBeGreaterThan(3);
        // The CLI offers the union of all options as flags, so a name must mean one type everywhere.
        expect(types.get(option) ?? spec.type).toBe(spec.type);
        types.set(option, spec.type);
      }
    }
  });

  it('rejects an unknown task, listing the allowed names', () => {
    expect(() => createTask('paste', {}, createRng(1))).toThrow(RangeError);
    expect(() => createTask('paste', {}, createRng(1))).toThrow(
      'task must be one of sine, waves, operands, copy, addition, parity, text, sentences, increasing, counting; got "paste"',
    );
    expect(() => describeTask('paste')).toThrow(RangeError);
  });

  it('rejects unknown options and bad values, naming them', () => {
    const rng = createRng(1);
    expect(() => createTask('copy', { digits: 3 }, rng)).toThrow(
      'copy: unknown option "digits"; its options are: n, alphabet, minLength, maxLength, reverse',
    );
    expect(() => createTask('copy', { n: -5 }, rng)).toThrow('copy: n must be an integer >= 1, got -5');
    expect(() => createTask('copy', { minLength: 9, maxLength: 3 }, rng)).toThrow(/minLength must be <= maxLength/);
    expect(() => createTask('copy', { alphabet: '' }, rng)).toThrow(/alphabet must be a non-empty string/);
    expect(() => createTask('addition', { maxDigits: 3.5 }, rng)).toThrow(/maxDigits must be an integer in \[1, 15\]/);
    expect(() => createTask('text', { n: 3 }, rng)).toThrow(/option text must be the corpus/);
    expect(() => createTask('parity', {}, undefined)).toThrow(/parity: rng must be an Rng/);
  });

  it('refuses a data set too big to hold in memory before building any of it, naming the options that size it', () => {
    const rng = createRng(1);
    const huge: [string, Record<string, unknown>, RegExp][] = [
      ['sine', { steps: 1e12 }, /^sine: n × \(steps - 1\) is \d+ values per array, more than the 268435456/],
      ['waves', { length: 1e8 }, /^waves: n × length is/],
      ['operands', { length: 1e12 }, /^operands: n × length × 2 is/],
      ['copy', { n: 10, maxLength: 1e12 }, /^copy: n × \(maxLength \+ 1\) is/],
      ['addition', { n: 1e12 }, /^addition: n × \(2 × maxDigits \+ 2\) is/],
      ['parity', { n: 10, length: 1e8 }, /^parity: n × length is 1000000000 values per array/],
      ['text', { text: 'abcdef', length: 1e12 }, /^text: n × length is/],
      ['increasing', { maxLength: 1e12, balanced: false }, /^increasing: n × maxLength × 2 is/],
      ['counting', { n: 1e12 }, /^counting: n × length is/],
    ];
    for (const [task, options, message] of huge) expect(() => createTask(task, options, rng)).toThrow(message);
    // The limit itself still fits.
    expect(() => checkTaskSize('counting', 'n × length', maxTaskValues)).not.toThrow();
    expect(() => checkTaskSize('counting', 'n × length', maxTaskValues + 1)).toThrow(/^counting: n × length is/);
  });

  it('generates the sentences without an rng', () => {
    expect(createTask('sentences').size).toBe(3);
  });
});
