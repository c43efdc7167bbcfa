// Node only: reads files. Kept out of the main entry point (it is exported from
// `@rnn/datasets/node`) so that the rest of the package stays safe to bundle for a browser.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundledCorpora } from './bundled-corpora';
import { corpusFromBytes } from './corpus-from-text';

/**
 * The package's root folder, found by walking up from this file to the package.json named
 * `@rnn/datasets`: the same from `src/corpus` (sources, tests, tsx) and `dist/corpus` (built).
 */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === '@rnn/datasets') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`@rnn/datasets: cannot find the package root above ${__dirname}`);
    dir = parent;
  }
}

/** The path of a corpus shipped with the package (e.g. `tinyshakespeare`), or undefined. */
export function bundledCorpusPath(name: string): string | undefined {
  const corpus = Object.hasOwn(bundledCorpora, name) ? bundledCorpora[name] : undefined;
  return corpus && path.join(packageRoot(), corpus.file);
}

/**
 * Reads a corpus: a shipped one by name (`'tinyshakespeare'`) or any UTF-8 text file by path. An
 * empty file, a binary file (NUL bytes) or invalid UTF-8 is a RangeError saying so; a missing file
 * is Node's own ENOENT error (which the CLI reports as a usage error), and a folder a RangeError
 * naming it (Node's EISDIR names no path).
 *
 * @example
 * import { loadCorpus } from '@rnn/datasets/node';
 * const text = loadCorpus('tinyshakespeare');
 */
export function loadCorpus(nameOrPath: string): string {
  if (typeof nameOrPath !== 'string' || nameOrPath.length === 0) {
    throw new RangeError(
      `loadCorpus: give a corpus name (${Object.keys(bundledCorpora).join(', ')}) or a file path, got ${JSON.stringify(nameOrPath)}`,
    );
  }
  const file = bundledCorpusPath(nameOrPath) ?? nameOrPath;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'EISDIR') throw err;
    throw new RangeError(
      `${file} is a folder; a corpus is a name (${Object.keys(bundledCorpora).join(', ')}) or a UTF-8 text file`,
    );
  }
  return corpusFromBytes(bytes, file);
}
