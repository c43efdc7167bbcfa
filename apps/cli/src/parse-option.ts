import { InvalidArgumentError } from 'commander';

/** Parses a numeric option; commander turns the error into `error: option '--x <n>' argument 'abc' is invalid. Not a number.` */
export function parseNumber(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError('Not a number.');
  return value;
}

/** Parses an integer option. */
export function parseInteger(raw: string): number {
  const value = parseNumber(raw);
  if (!Number.isInteger(value)) throw new InvalidArgumentError('Not an integer.');
  return value;
}

/** Parses a comma-separated list of numbers, e.g. `1,5,10`. */
export function parseNumberList(raw: string): number[] {
  return raw.split(',').map((part) => parseNumber(part));
}
