// The fields of the text view: how a model writes (temperature, top-k, top-p, length), read and
// checked in the page, and their starting values for each kind of recipe.
import type { RecipeKindName } from './protocol';

/** The fields as typed. */
export interface SamplingFields {
  readonly temperature: string;
  readonly topK: string;
  readonly topP: string;
  readonly length: string;
}

/** The fields as a generate request takes them; absent: the default (every character; the default length). */
export interface SamplingChoice {
  readonly temperature: number;
  readonly topK?: number;
  readonly topP?: number;
  readonly length?: number;
}

/** The most characters one press of Generate writes. */
export const maxGenerated = 1000;

/**
 * The fields' values, or the one-line problem of the first that is not allowed, naming it and what
 * it accepts.
 */
export function parseSamplingFields(fields: SamplingFields): { choice?: SamplingChoice; problem?: string } {
  const temperature = Number(fields.temperature);
  if (fields.temperature.trim() === '' || !(temperature >= 0 && Number.isFinite(temperature))) {
    return { problem: `temperature must be a number >= 0 (0 is greedy), got ${JSON.stringify(fields.temperature)}` };
  }
  const rawK = fields.topK.trim();
  const topK = rawK === '' ? undefined : Number(rawK);
  if (topK !== undefined && !(Number.isInteger(topK) && topK >= 1)) {
    return {
      problem: `top-k must be an integer >= 1, or empty for every character, got ${JSON.stringify(fields.topK)}`,
    };
  }
  const rawP = fields.topP.trim();
  const topP = rawP === '' ? undefined : Number(rawP);
  if (topP !== undefined && !(topP > 0 && topP <= 1)) {
    return {
      problem: `top-p must be a number > 0 and <= 1, or empty for every character, got ${JSON.stringify(fields.topP)}`,
    };
  }
  const rawLength = fields.length.trim();
  const length = rawLength === '' ? undefined : Number(rawLength);
  if (length !== undefined && !(Number.isInteger(length) && length >= 0 && length <= maxGenerated)) {
    return {
      problem: `characters must be an integer from 0 to ${maxGenerated}, or empty, got ${JSON.stringify(fields.length)}`,
    };
  }
  return {
    choice: {
      temperature,
      ...(topK !== undefined ? { topK } : {}),
      ...(topP !== undefined ? { topP } : {}),
      ...(length !== undefined ? { length } : {}),
    },
  };
}

/** The prime a character model of the shipped Shakespeare starts from: a speaker's name, as the plays do. */
export const shakespearePrime = 'ROMEO:';

/** The longest prime taken from a text of the user's. */
const ownPrimeLength = 20;

/**
 * Where the text view starts for a kind of recipe: sentences greedy from `good` to the sentences'
 * width; a character model sampled at 0.8 for 300 characters from a speaker's name, or from the
 * start of the user's own text.
 */
export function samplingDefaults(kind: RecipeKindName, ownText?: string): SamplingFields & { readonly prime: string } {
  if (kind === 'task') return { prime: 'good', temperature: '0', topK: '', topP: '', length: '' };
  const firstLine = ownText?.split('\n').find((line) => line.trim() !== '');
  const prime = firstLine !== undefined ? firstLine.trim().slice(0, ownPrimeLength) : shakespearePrime;
  return { prime, temperature: '0.8', topK: '', topP: '', length: '300' };
}
