import { show } from '../validate';
import type { OptionSpec } from './option-spec';
import { describeTask } from './registry';

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

function parseValue(task: string, name: string, spec: OptionSpec, raw: string): unknown {
  const bad = (expected: string): never => {
    throw new RangeError(`--task ${name}=${raw}: the ${task} task's ${name} must be ${expected}`);
  };
  switch (spec.type) {
    case 'integer':
    case 'number': {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) bad(spec.type === 'integer' ? 'an integer' : 'a number');
      return value;
    }
    case 'boolean':
      if (raw === 'true' || raw === 'yes' || raw === '1') return true;
      if (raw === 'false' || raw === 'no' || raw === '0') return false;
      return bad('true or false');
    case 'numbers':
      return raw.split(',').map((part) => {
        const value = Number(part);
        if (part.trim() === '' || !Number.isFinite(value)) bad('a comma-separated list of numbers');
        return value;
      });
    case 'strings':
      return raw.split('|');
    case 'choice':
    case 'string':
      return raw;
  }
}

function parseRange(raw: string): [number, number] | undefined {
  const match = /^(-?\d+)\.\.(-?\d+)$/.exec(raw.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * Reads one task option written as `name=value` (as `rnn train --task` takes them) into the task's
 * API options, checked against the task's option spec: names may be camelCase or kebab-case, values
 * are parsed by the option's type (`true`/`false`, comma-separated numbers, `|`-separated strings).
 * A range `name=lo..hi` sets `minName`/`maxName` where the task has them (`length=3..14` on copy,
 * `digits=3..4` on addition); on a task that draws lengths in [1, length] it sets `length` and
 * `variableLength` (`length=1..50` on parity). Values are range-checked when the task is created.
 *
 * @throws RangeError naming the option and what the task takes.
 *
 * @example
 * parseTaskOption('parity', 'length=1..50'); // { length: 50, variableLength: true }
 * parseTaskOption('parity', 'targets=final'); // { targets: 'final' }
 */
export function parseTaskOption(task: string, assignment: string): Record<string, unknown> {
  const info = describeTask(task);
  const specs = info.options;
  const at = assignment.indexOf('=');
  if (at < 1) {
    throw new RangeError(`--task must be name=value (e.g. n=1000), got ${show(assignment)}`);
  }
  const name = camel(assignment.slice(0, at).trim());
  const raw = assignment.slice(at + 1).trim();
  const range = parseRange(raw);
  const minName = `min${capitalised(name)}`;
  const maxName = `max${capitalised(name)}`;
  if (range && minName in specs && maxName in specs) return { [minName]: range[0], [maxName]: range[1] };
  if (range && name in specs && 'variableLength' in specs) {
    if (range[0] !== 1) {
      throw new RangeError(`--task ${name}=${raw}: the ${task} task draws lengths from 1, so a range must start at 1`);
    }
    return { [name]: range[1], variableLength: true };
  }
  const spec = specs[name];
  if (!spec || name === 'text') {
    const names = Object.keys(specs).filter((o) => o !== 'text');
    throw new RangeError(`the ${task} task has no option ${show(name)}; it takes ${names.join(', ') || 'none'}`);
  }
  const value = parseValue(task, name, spec, raw);
  if (name === 'length' && 'variableLength' in specs) return { length: value, variableLength: false };
  return { [name]: value };
}
