import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fencedBlocks } from './fenced-blocks';
import { runExample, stderrBeyondWarnings } from './run-example';

const root = path.resolve(__dirname, '../..');
const scratch = path.join(root, 'docs', '.examples', 'library-kernels');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The kernel a library user gets: the addon when npm ci built it, else the WebAssembly SIMD one. */
const expected = existsSync(path.join(root, 'packages/native/build/Release/rnn_native.node')) ? 'native' : 'wasm';

describe("the training README's recipe example", () => {
  it(`trains on the fastest kernels (${expected} here), not the portable ones`, async () => {
    const readme = readFileSync(path.join(root, 'packages/training/README.md'), 'utf8');
    const example = fencedBlocks(readme).find((block) => block.code.includes('trainRecipe('));
    if (example === undefined) throw new Error('packages/training/README.md has no trainRecipe example');
    const run = await runExample(`${example.code}\n`, scratch, 90);
    expect(stderrBeyondWarnings(run.stderr)).toBe('');
    expect(run.code).toBe(0);
    // Colour codes come in where the environment forces colour (FORCE_COLOR in CI).
    const lines = stripVTControlCharacters(run.stdout).trim().split('\n');
    expect(lines[0]).toMatch(/^0\.9\d* true$|^1 true$/);
    expect(lines[lines.length - 1]).toBe(expected);
  }, 120_000);
});
