import type { z } from 'zod';

/** A field path as a reader writes it: `run.overrides.task`, `history[2].epoch`, `sha256["model.json"]`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      const name = String(part);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return i === 0 ? name : `.${name}`;
    })
    .join('');
}

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined,
    input,
  );

const shown = (value: unknown): string => {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * The first problem zod found in `input`, as the one line a user reads: the file, the field and what
 * is wrong, e.g. `runs/x/epoch-00002/checkpoint.json: run.seed is missing`. Zod's own report is a
 * list of issues with paths; one named field is what tells a user which edit or damage to undo.
 *
 * @param prefix - the path of `input` inside the file, when it is a part of it (`['run']`).
 */
export function schemaErrorMessage(
  file: string,
  error: z.ZodError,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): string {
  const issue = error.issues[0];
  const path = [...prefix, ...issue.path];
  const where = (p: readonly PropertyKey[]) => (p.length === 0 ? 'the file' : fieldName(p));
  const value = valueAt(input, issue.path);
  if (issue.code === 'unrecognized_keys') {
    return `${file}: ${where([...path, issue.keys[0]])} is not a field this version of rnn writes`;
  }
  if (issue.code === 'invalid_type' && value === undefined) return `${file}: ${where(path)} is missing`;
  const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  if (/\breceived\b/.test(message)) return `${file}: ${where(path)}: ${message}`;
  return `${file}: ${where(path)}: ${message}, got ${shown(value)}`;
}
