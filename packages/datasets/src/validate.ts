// Argument checks shared by every public function, in the style of tfjs-core's `util.assert`: each
// names the function, the option and the allowed range, and throws a RangeError (the CLI turns it
// into one line and exit code 2). Values are never clamped into range. Every message has one form,
// `where: name must be <what is allowed>, got <value>`, so a caller can read any of them alike.

/**
 * Renders a received value for an error message, short and unambiguous: strings quoted (so `"3"`
 * is told from `3`), lists element by element, anything else by its type.
 */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null) {
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return typeof value;
}

function fail(where: string, name: string, expected: string, value: unknown): never {
  throw new RangeError(`${where}: ${name} must be ${expected}, got ${show(value)}`);
}

/** `an integer >= 1`, `an integer in [0, 9]`, `an integer <= 5`, or just `an integer`. */
function integerRangeText(min: number, max: number): string {
  if (min === -Infinity && max === Infinity) return 'an integer';
  if (max === Infinity) return `an integer >= ${min}`;
  if (min === -Infinity) return `an integer <= ${max}`;
  return `an integer in [${min}, ${max}]`;
}

/**
 * Checks that `value` is an integer in [min, max] and returns it, typed: the one check of counts,
 * sizes, ids and indices. Pass `-Infinity` as `min` for no lower bound.
 *
 * @throws RangeError `where: name must be an integer >= min, got value` (or `in [min, max]`).
 *
 * @example
 * checkInteger('fit', 'epochs', 0, 1); // RangeError: fit: epochs must be an integer >= 1, got 0
 */
export function checkInteger(where: string, name: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(where, name, integerRangeText(min, max), value);
  }
  return value;
}

/** The bounds {@link checkNumber} and {@link checkNumberList} take; each end is included unless said. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
}

/** `a finite number > 0`, `a finite number in [0, 1)`, or just `a finite number`. */
function numberRangeText(range: NumberRange): string {
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = range;
  if (min === -Infinity && max === Infinity) return 'a finite number';
  if (max === Infinity) return `a finite number ${minExclusive ? '>' : '>='} ${min}`;
  if (min === -Infinity) return `a finite number ${maxExclusive ? '<' : '<='} ${max}`;
  return `a finite number in ${minExclusive ? '(' : '['}${min}, ${max}${maxExclusive ? ')' : ']'}`;
}

/**
 * Checks that `value` is a finite number within `range` and returns it, typed: NaN and the
 * infinities never pass, so a rate or a fraction that is not a number fails here, not as a NaN loss.
 *
 * @throws RangeError `where: name must be a finite number in [min, max), got value` (or `> min`, ...).
 *
 * @example
 * checkNumber('createOptimizer', 'learningRate', 0, { min: 0, minExclusive: true });
 * // RangeError: createOptimizer: learningRate must be a finite number > 0, got 0
 */
export function checkNumber(where: string, name: string, value: unknown, range: NumberRange = {}): number {
  const { min = -Infinity, max = Infinity, minExclusive = false, maxExclusive = false } = range;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minExclusive ? value > min : value >= min) &&
    (maxExclusive ? value < max : value <= max);
  if (!ok) fail(where, name, numberRangeText(range), value);
  return value as number;
}

/** Checks that `value` is a boolean, so a flag given as `"false"` is refused rather than taken as true. */
export function checkBoolean(where: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(where, name, 'true or false', value);
  return value;
}

/** Checks that `value` is one of `choices` and returns it narrowed to their type; the message lists them. */
export function checkChoice<T extends string>(where: string, name: string, value: unknown, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    fail(where, name, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`, value);
  }
  return value as T;
}

/**
 * Checks that `value` is a non-empty list of finite numbers, each within `range`; a bad element is
 * named by its index (`frequencies[2]`).
 */
export function checkNumberList(where: string, name: string, value: unknown, range: NumberRange = {}): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail(
      where,
      name,
      `a non-empty list of ${numberRangeText(range).replace(/^a finite number/, 'finite numbers')}`,
      value,
    );
  }
  return value.map((v, i) => checkNumber(where, `${name}[${i}]`, v, range));
}

/**
 * Checks that `value` is a non-empty list of integers, each in [min, max]; a bad element is named by
 * its index (`orders[1]`).
 */
export function checkIntegerList(where: string, name: string, value: unknown, min: number, max = Infinity): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    fail(where, name, `a non-empty list of ${integerRangeText(min, max).replace(/^an integer/, 'integers')}`, value);
  }
  return value.map((v, i) => checkInteger(where, `${name}[${i}]`, v, min, max));
}

/** Checks that `value` is a string (non-empty unless `allowEmpty`), so a missing text is not read as `""`. */
export function checkString(where: string, name: string, value: unknown, allowEmpty = false): string {
  if (typeof value !== 'string' || (!allowEmpty && value.length === 0)) {
    fail(where, name, allowEmpty ? 'a string' : 'a non-empty string', value);
  }
  return value;
}

/**
 * Checks that an options argument is a plain object (or undefined) naming only `allowed` keys, so a
 * misspelt option (`epoch` for `epochs`) is refused rather than silently ignored.
 */
export function checkOptionNames(where: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new RangeError(`${where}: options must be an object, got ${show(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      const list = allowed.length === 0 ? 'none' : allowed.join(', ');
      throw new RangeError(`${where}: unknown option ${JSON.stringify(key)}; its options are: ${list}`);
    }
  }
}

/** Checks that `min <= max` for a pair of options named `minName` and `maxName`, naming both values. */
export function checkOrdered(where: string, minName: string, min: number, maxName: string, max: number): void {
  if (min > max) {
    throw new RangeError(`${where}: ${minName} must be <= ${maxName}, got ${minName}=${min}, ${maxName}=${max}`);
  }
}

/**
 * The most values one array of a task's examples may hold: 2^28 32-bit values, 1 GiB. A task builds
 * all its examples in memory at once (two to four arrays of this size), and a size past this is far
 * more likely a slip (`1e12` for `1e2`) than a data set the machine can hold.
 */
export const maxTaskValues = 2 ** 28;

/**
 * Refuses a data set too big to hold before any of it is built: a one-line RangeError naming the
 * options that size it (`sizedBy`, e.g. `'n × length'`) instead of an "Invalid typed array length"
 * from deep inside, or minutes of paging.
 */
export function checkTaskSize(where: string, sizedBy: string, values: number): void {
  if (values <= maxTaskValues) return;
  throw new RangeError(
    `${where}: ${sizedBy} is ${values} values per array, more than the ${maxTaskValues} (1 GiB) ` +
      'a task holds in memory; lower them',
  );
}

/**
 * Checks that `rng` looks like an {@link Rng} (the generators' second argument), so a seed passed
 * where the stream belongs fails here rather than as "rng.next is not a function".
 */
export function checkRng(where: string, rng: unknown): void {
  if (rng === null || typeof rng !== 'object' || typeof (rng as { next?: unknown }).next !== 'function') {
    throw new RangeError(`${where}: rng must be an Rng from createRng(seed), got ${show(rng)}`);
  }
}
