// The page's knobs: their limits, their checks, and the query string that holds them, so that a link
// reproduces a run.
import type { CellKind } from '@rnn/models';
import type { RecipeCard, RecipeKindName, RunSettings } from './protocol';

/** The knobs besides the recipe, as the form names its inputs. */
export type KnobName = 'cell' | 'hidden' | 'layers' | 'learningRate' | 'epochs' | 'minutes' | 'seed';

/** Every knob, in the order the form shows them. */
export const knobNames: readonly KnobName[] = ['cell', 'hidden', 'layers', 'learningRate', 'epochs', 'minutes', 'seed'];

/** The knobs of a kind of recipe: the time budget is the character language models' only. */
export function knobsOf(kind: RecipeKindName): readonly KnobName[] {
  return kind === 'language-model' ? knobNames : knobNames.filter((name) => name !== 'minutes');
}

/** Each setting's name in the query string (`lr` and `minutes` as `rnn train` spells them). */
export const queryNames: Readonly<Record<'recipe' | KnobName, string>> = {
  recipe: 'recipe',
  cell: 'cell',
  hidden: 'hidden',
  layers: 'layers',
  learningRate: 'lr',
  epochs: 'epochs',
  minutes: 'minutes',
  seed: 'seed',
};

/**
 * The ranges the page accepts: far past every recipe's defaults, and within what a browser tab
 * trains before its user gives up; beyond them a value is far more likely a slip than a plan.
 */
export const knobLimits = {
  hidden: { min: 1, max: 1024 },
  layers: { min: 1, max: 8 },
  epochs: { min: 1, max: 10_000 },
  /** Exclusive of 0. */
  learningRate: { max: 10 },
  /** Exclusive of 0: ten hours, past the full character model's 45 minutes. */
  minutes: { max: 600 },
  /** Characters. */
  seed: { max: 64 },
} as const;

/** The recipe a link without one opens: it trains to its target in seconds. */
export const defaultRecipe = 'parity';
/** The seed of `rnn train`, so the page and the command line start alike. */
export const defaultSeed = '42';

function integerIn(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * One knob's value from its text (a form field or the query string), or a RangeError naming the knob
 * and what it accepts.
 */
export function parseKnob(name: KnobName, raw: string, cellKinds: readonly CellKind[]): RunSettings[KnobName] {
  switch (name) {
    case 'cell':
      if (!(cellKinds as readonly string[]).includes(raw)) {
        throw new RangeError(`cell must be one of ${cellKinds.join(', ')}, got ${JSON.stringify(raw)}`);
      }
      return raw as CellKind;
    case 'hidden':
      return integerIn('hidden', raw, knobLimits.hidden.min, knobLimits.hidden.max);
    case 'layers':
      return integerIn('layers', raw, knobLimits.layers.min, knobLimits.layers.max);
    case 'epochs':
      return integerIn('epochs', raw, knobLimits.epochs.min, knobLimits.epochs.max);
    case 'learningRate': {
      const value = Number(raw);
      if (raw.trim() === '' || !(value > 0 && value <= knobLimits.learningRate.max)) {
        throw new RangeError(
          `learning rate must be a number > 0 and <= ${knobLimits.learningRate.max}, got ${JSON.stringify(raw)}`,
        );
      }
      return value;
    }
    case 'minutes': {
      const value = Number(raw);
      if (raw.trim() === '' || !(value > 0 && value <= knobLimits.minutes.max)) {
        throw new RangeError(
          `minutes must be a number > 0 and <= ${knobLimits.minutes.max}, got ${JSON.stringify(raw)}`,
        );
      }
      return value;
    }
    case 'seed':
      if (raw.length < 1 || raw.length > knobLimits.seed.max) {
        throw new RangeError(`seed must be 1 to ${knobLimits.seed.max} characters, got ${raw.length}`);
      }
      return raw;
  }
}

/** A recipe's own settings, as `rnn train NAME` runs it. */
export function recipeDefaults(card: RecipeCard): RunSettings {
  return {
    recipe: card.name,
    cell: card.model.cell,
    hidden: card.model.hidden,
    layers: card.model.layers,
    learningRate: card.training.learningRate,
    epochs: card.training.epochs,
    seed: defaultSeed,
    ...(card.kind === 'language-model' ? { minutes: card.training.minutes ?? knobLimits.minutes.max } : {}),
  };
}

/**
 * The settings a query string asks for: its recipe (or {@link defaultRecipe}) with its knobs, the
 * recipe's defaults for those it leaves out. A value that is not allowed falls back to the default
 * and adds one line to `problems`, naming the link's setting, what it accepts and what is used instead.
 */
export function settingsFromQuery(
  query: URLSearchParams,
  cards: readonly RecipeCard[],
  cellKinds: readonly CellKind[],
): { settings: RunSettings; problems: string[] } {
  const problems: string[] = [];
  const fallback = cards.find((c) => c.name === defaultRecipe) ?? cards[0];
  const asked = query.get(queryNames.recipe);
  let card = fallback;
  if (asked !== null) {
    const found = cards.find((c) => c.name === asked);
    if (found) card = found;
    else {
      problems.push(
        `the link's recipe must be one of ${cards.map((c) => c.name).join(', ')}, got ${JSON.stringify(asked)}; showing ${fallback.name}`,
      );
    }
  }
  const settings: Record<string, unknown> = { ...recipeDefaults(card) };
  const knobs = knobsOf(card.kind);
  for (const name of knobNames) {
    const raw = query.get(queryNames[name]);
    if (raw === null) continue;
    if (!knobs.includes(name)) {
      const models = cards.filter((c) => c.kind === 'language-model').map((c) => c.name);
      problems.push(
        `the link's ${queryNames[name]} is a setting of the character language models (${models.join(', ')}) only; ignoring it`,
      );
      continue;
    }
    try {
      settings[name] = parseKnob(name, raw, cellKinds);
    } catch (err) {
      problems.push(`the link's ${(err as Error).message}; using ${String(settings[name])}`);
    }
  }
  return { settings: settings as unknown as RunSettings, problems };
}

/**
 * The query string that reproduces `settings`: every knob of its kind written, so a link outlives
 * new defaults (a language model's settings are those with a time budget).
 */
export function queryOf(settings: RunSettings): string {
  const query = new URLSearchParams({ [queryNames.recipe]: settings.recipe });
  for (const name of knobNames) {
    if (settings[name] !== undefined) query.set(queryNames[name], String(settings[name]));
  }
  return query.toString();
}

/** A word the shell passes as one argument, quoted only where it has to be. */
function shellWord(word: string): string {
  return /^[\w.-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The same run on the command line, on the backend the page trains on. `corpusFile`: a language
 * model's own text, as a file of that name (absent: the shipped corpus, the command's default).
 */
export function cliCommand(settings: RunSettings, corpusFile?: string): string {
  const budget = settings.minutes !== undefined ? ` --minutes ${settings.minutes}` : '';
  const corpus = settings.minutes !== undefined && corpusFile !== undefined ? ` --corpus ${shellWord(corpusFile)}` : '';
  return (
    `rnn train ${settings.recipe} --cell ${settings.cell} --hidden ${settings.hidden} --layers ${settings.layers} ` +
    `--lr ${settings.learningRate} --epochs ${settings.epochs}${budget} --seed ${shellWord(settings.seed)}${corpus} --backend cpu`
  );
}
