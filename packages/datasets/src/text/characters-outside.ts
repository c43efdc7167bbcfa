import type { Vocabulary } from '../vocabulary';
import { show } from '../validate';

/**
 * The distinct characters (code points) of `text` that have no id of their own in `vocabulary`, in
 * the order they first appear. `Vocabulary.encode` quietly maps them to the reserved id 0, which a
 * model reads as padding; callers that must not feed a model such input (a prime, a text to score)
 * check first and name what is missing.
 *
 * @example
 * charactersOutside(Vocabulary.fromText('abc'), 'cabbage'); // ['g', 'e']
 */
export function charactersOutside(vocabulary: Vocabulary, text: string): string[] {
  if (typeof text !== 'string') throw new RangeError(`charactersOutside: text must be a string, got ${show(text)}`);
  const missing = new Set<string>();
  for (const ch of text) if (!missing.has(ch) && !vocabulary.has(ch)) missing.add(ch);
  return [...missing];
}
