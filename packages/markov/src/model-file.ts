// Node only: reads and writes files. Kept out of the main entry point (it is exported from
// `@rnn/markov/node`) so that the model itself stays safe to bundle for a browser.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@rnn/datasets/node';
import type { MarkovModel } from './markov-model';
import { deserializeMarkov, MarkovFormatError, serializeMarkov } from './model-format';

/**
 * Saves `model` to `file` atomically: the bytes go to a temporary file in the same folder, are
 * flushed to disk, and only then renamed over `file`, so a crash or a full disk never leaves a
 * half-written model behind (a reader sees the old file or the new one).
 */
export async function saveMarkov(model: MarkovModel, file: string): Promise<void> {
  if (typeof file !== 'string' || file.length === 0) throw new RangeError('file must be a non-empty path');
  await writeFileAtomic(file, serializeMarkov(model));
}

/**
 * Loads a model saved by {@link saveMarkov}. A missing file is Node's ENOENT error; a folder, a file
 * that is not a model, of another format version, or damaged is a `MarkovFormatError` (a RangeError)
 * that names the file and says which.
 */
export async function loadMarkov(file: string): Promise<MarkovModel> {
  if (typeof file !== 'string' || file.length === 0) throw new RangeError('file must be a non-empty path');
  const bytes = await readFile(file).catch((err: unknown) => {
    // Node's EISDIR names no path; the caller's message should.
    if ((err as { code?: unknown }).code === 'EISDIR') {
      throw new MarkovFormatError(`${file} is a folder, not an @rnn/markov model file`);
    }
    throw err;
  });
  return deserializeMarkov(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
}
