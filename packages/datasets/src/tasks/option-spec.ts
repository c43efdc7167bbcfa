import {
  checkBoolean,
  checkChoice,
  checkInteger,
  checkNumber,
  checkNumberList,
  checkOptionNames,
  checkString,
  show,
} from '../validate';

/**
 * The declaration of one task option: its type, default and allowed range. The generators validate
 * against these, and the CLI reads them to offer each option as a kebab-case flag.
 */
export type OptionSpec =
  | {
      readonly type: 'integer';
      readonly default: number;
      readonly min: number;
      readonly max?: number;
      readonly description: string;
    }
  | {
      readonly type: 'number';
      readonly default: number;
      readonly min?: number;
      readonly max?: number;
      readonly minExclusive?: boolean;
      readonly maxExclusive?: boolean;
      readonly description: string;
    }
  | { readonly type: 'boolean'; readonly default: boolean; readonly description: string }
  | {
      readonly type: 'choice';
      readonly default: string;
      readonly choices: readonly string[];
      readonly description: string;
    }
  | {
      readonly type: 'numbers';
      /** Absent when the default depends on other options (e.g. equal weights). */
      readonly default?: readonly number[];
      readonly min?: number;
      readonly minExclusive?: boolean;
      readonly description: string;
    }
  | { readonly type: 'string'; readonly default?: string; readonly description: string }
  | { readonly type: 'strings'; readonly default: readonly string[]; readonly description: string };

/** The options of one task, by their API name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/**
 * Fills in defaults and checks each given option against its spec, throwing a RangeError that names
 * the task, the option and its allowed range. Unknown option names are errors too.
 */
export function resolveOptions<T>(where: string, specs: OptionSpecs, options: unknown): T {
  checkOptionNames(where, options, Object.keys(specs));
  const given = (options ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = given[name] === undefined ? spec.default : given[name];
    if (value === undefined) continue;
    out[name] = checkValue(where, name, spec, value);
  }
  return out as T;
}

function checkValue(where: string, name: string, spec: OptionSpec, value: unknown): unknown {
  switch (spec.type) {
    case 'integer':
      return checkInteger(where, name, value, spec.min, spec.max);
    case 'number':
      return checkNumber(where, name, value, spec);
    case 'boolean':
      return checkBoolean(where, name, value);
    case 'choice':
      return checkChoice(where, name, value, spec.choices);
    case 'numbers':
      return checkNumberList(where, name, value, spec);
    case 'string':
      return checkString(where, name, value);
    case 'strings': {
      if (!Array.isArray(value) || value.length === 0) {
        throw new RangeError(`${where}: ${name} must be a non-empty list of strings, got ${show(value)}`);
      }
      return value.map((v, i) => checkString(where, `${name}[${i}]`, v));
    }
  }
}
