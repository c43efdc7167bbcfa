import type { BackendName } from './backend-name';

/**
 * Thrown when a requested backend cannot be used here: not installed, browser-only, or failing to
 * load. Its message is one line a user can act on (the CLI prints it and exits with code 2).
 */
export class BackendUnavailableError extends Error {
  /** The backend that was asked for. */
  readonly backend: BackendName | string;
  /** Why, in a few words, e.g. `not installed` (the message adds the backend and the remedy). */
  readonly reason: string;
  /** What to do about it, e.g. the install command; empty when nothing can be done here. */
  readonly remedy: string;

  constructor(backend: BackendName | string, reason: string, remedy = '') {
    super(`backend '${backend}' ${reason}${remedy ? `; ${remedy}` : ''}`);
    this.name = 'BackendUnavailableError';
    this.backend = backend;
    this.reason = reason;
    this.remedy = remedy;
  }
}
