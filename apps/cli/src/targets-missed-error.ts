/**
 * A command did all its work, wrote everything, and some target was not reached: the CLI prints its
 * message as one line and exits with code 1, so a script can tell "ran, but fell short" from
 * "could not run" (2).
 */
export class TargetsMissedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetsMissedError';
  }
}
