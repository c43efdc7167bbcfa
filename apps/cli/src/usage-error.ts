/**
 * A mistake in what the user asked for (a bad option, a missing file). The CLI prints its message as
 * one line and exits with code 2. Library code signals the same with a `RangeError`.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const inputErrorCodes = new Set(['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM']);

/**
 * Whether an error is the user's to fix (exit 2) rather than a bug (exit 1): usage errors, argument
 * checks (`RangeError`), an unavailable backend, and files that cannot be read.
 */
export function isUsageError(err: unknown): err is Error {
  if (err instanceof UsageError || err instanceof RangeError) return true;
  // Checked by shape, not instanceof: Node's own errors may come from another realm (vm, jest).
  if (typeof err !== 'object' || err === null || typeof (err as Error).message !== 'string') return false;
  const { name, code } = err as { name?: unknown; code?: unknown };
  if (name === 'BackendUnavailableError') return true;
  return typeof code === 'string' && inputErrorCodes.has(code);
}
