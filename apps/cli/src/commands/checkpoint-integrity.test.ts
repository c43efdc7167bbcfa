import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';

// Every way a saved run can be damaged or pieced together that used to crash with a stack or be
// taken as it was: each is one line on stderr and exit code 2, naming the file and the field.

const root = mkdtempSync(path.join(os.tmpdir(), 'rnn-checkpoint-integrity-'));
const run = path.join(root, 'calc');
const other = path.join(root, 'calc-other');
const tiny = ['--hidden', '4', '--epochs', '1', '--task', 'n=64', '--test-size', '8', '--backend', 'cpu'];
const folder = 'epoch-00001';

beforeAll(async () => {
  for (const [out, seed] of [
    [run, '3'],
    [other, '4'],
  ]) {
    const io = captureIo();
    if ((await runCli(['train', 'calculator', ...tiny, '--seed', seed, '--out', out], io)) !== 0) {
      throw new Error(`rnn train failed: ${io.err()}`);
    }
  }
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Sets the field at `field` of a JSON file of a copy's checkpoint folder to `value`: removes it for
 * undefined, replaces the whole file for the field [].
 */
const setField =
  (name: string, field: readonly (string | number)[], value: unknown) =>
  (copy: string): void => {
    const file = path.join(copy, folder, name);
    let json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (field.length === 0) json = value;
    else {
      const parent = field
        .slice(0, -1)
        .reduce((v, key) => (v as Record<string | number, unknown>)[key], json) as Record<string | number, unknown>;
      const key = field[field.length - 1];
      if (value === undefined) delete parent[key];
      else parent[key] = value;
    }
    writeFileSync(file, JSON.stringify(json));
  };
const manifest = (field: readonly (string | number)[], value: unknown) => setField('checkpoint.json', field, value);
const modelJson = (field: readonly (string | number)[], value: unknown) => setField('model.json', field, value);
const fromOther =
  (...files: string[]) =>
  (copy: string) => {
    for (const f of files) cpSync(path.join(other, folder, f), path.join(copy, folder, f));
  };

type Command = 'eval' | 'export' | 'predict' | 'resume';
const argvOf = (command: Command, copy: string): string[] => {
  switch (command) {
    case 'eval':
      return ['eval', copy, '--backend', 'cpu'];
    case 'export':
      return ['export', copy, '--out', path.join(copy, 'layers')];
    case 'predict':
      return ['predict', copy, '--input', '+1+2', '--backend', 'cpu'];
    case 'resume':
      return ['train', 'calculator', '--resume', copy, '--backend', 'cpu'];
  }
};

describe('a damaged or mismatched checkpoint', () => {
  it.each<[string, Command, (copy: string) => void, string, RegExp]>([
    [
      'latest.json = null',
      'eval',
      (c) => writeFileSync(path.join(c, 'latest.json'), 'null'),
      'latest.json',
      /folder must name a checkpoint folder .*, got null/,
    ],
    ['checkpoint.json = null', 'eval', manifest([], null), 'checkpoint.json', /is not an rnn checkpoint/],
    ['no optimizer', 'resume', manifest(['optimizer'], undefined), 'checkpoint.json', /: optimizer is missing$/],
    [
      'an optimizer entry without shape',
      'eval',
      manifest(['optimizer', 1, 'shape'], undefined),
      'checkpoint.json',
      /: optimizer\[1\]\.shape is missing$/,
    ],
    ['no run', 'eval', manifest(['run'], undefined), 'checkpoint.json', /: run is missing$/],
    ['a null run', 'predict', manifest(['run'], null), 'checkpoint.json', /: run: expected object, received null$/],
    [
      'a weight entry without shape',
      'export',
      modelJson(['weightsManifest', 0, 'weights', 0, 'shape'], undefined),
      'model.json',
      /: weightsManifest\[0\]\.weights\[0\]\.shape must be a list of integers >= 0, got nothing$/,
    ],
    [
      'another architecture',
      'export',
      modelJson(['spec', 'architecture'], 'tagger'),
      'model.json',
      /spec or weights manifest was changed after the save .*the weights no longer fit the spec$/,
    ],
    [
      'model.json and weights.bin of another run',
      'export',
      fromOther('model.json', 'weights.bin'),
      'model.json',
      /does not match its sha256\["model.json"\] in .*checkpoint.json/,
    ],
    [
      'optimizer.bin of another run',
      'resume',
      fromOther('optimizer.bin'),
      'optimizer.bin',
      /does not match its sha256\["optimizer.bin"\]/,
    ],
    [
      'a flipped byte of optimizer.bin',
      'resume',
      (c) => {
        const file = path.join(c, folder, 'optimizer.bin');
        const bytes = readFileSync(file);
        bytes[9] ^= 0x40;
        writeFileSync(file, bytes);
      },
      'optimizer.bin',
      /does not match its sha256\["optimizer.bin"\]/,
    ],
    [
      'a NaN iteration count',
      'resume',
      (c) => {
        const file = path.join(c, folder, 'optimizer.bin');
        const bytes = readFileSync(file);
        bytes.writeFloatLE(NaN, 0);
        writeFileSync(file, bytes);
        manifest(['sha256', 'optimizer.bin'], sha256(bytes))(c);
      },
      'optimizer.bin',
      /the iteration count .* must be an integer >= 0, got NaN$/,
    ],
    ['epoch 0', 'eval', manifest(['epoch'], 0), 'checkpoint.json', /: epoch 0 does not match its folder epoch-00001$/],
    [
      'epoch 2 with one history record',
      'resume',
      manifest(['epoch'], 2),
      'checkpoint.json',
      /: epoch 2 does not match its folder epoch-00001$/,
    ],
    ['epoch 1e9', 'eval', manifest(['epoch'], 1e9), 'checkpoint.json', /: epoch 1000000000 does not match its folder/],
    ['no run.seed', 'eval', manifest(['run', 'seed'], undefined), 'checkpoint.json', /: run\.seed is missing$/],
    [
      'run.overrides = "x"',
      'resume',
      manifest(['run', 'overrides'], 'x'),
      'checkpoint.json',
      /: run\.overrides: expected object, received string$/,
    ],
    [
      'run.recipe of another recipe',
      'eval',
      manifest(['run', 'recipe'], 'parity'),
      'checkpoint.json',
      /: run\.recipe "parity" with run\.overrides builds a model whose spec\..* the run record does not belong to this model$/,
    ],
  ])('%s: rnn %s refuses it in one line naming the file, exit 2', async (_, command, damage, file, message) => {
    const copy = mkdtempSync(path.join(root, 'copy-'));
    cpSync(run, copy, { recursive: true });
    damage(copy);
    const io = captureIo();
    expect(await runCli(argvOf(command, copy), io)).toBe(2);
    const lines = io.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^rnn: .*${file.replace(/\./g, '\\.')}`));
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toContain(copy);
    rmSync(copy, { recursive: true, force: true });
  });

  it('the untouched run still evaluates, exports, predicts and resumes', async () => {
    const copy = mkdtempSync(path.join(root, 'copy-'));
    cpSync(run, copy, { recursive: true });
    for (const command of ['eval', 'export', 'predict', 'resume'] as const) {
      const io = captureIo();
      expect(await runCli(argvOf(command, copy), io)).toBe(0);
    }
    rmSync(copy, { recursive: true, force: true });
  });

  it('a checkpoint of an older version is refused with one line saying so', async () => {
    const copy = mkdtempSync(path.join(root, 'copy-'));
    cpSync(run, copy, { recursive: true });
    manifest(['sha256'], undefined)(copy);
    manifest(['version'], 1)(copy);
    const io = captureIo();
    expect(await runCli(argvOf('eval', copy), io)).toBe(2);
    expect(io.err()).toMatch(
      /^rnn: .*checkpoint\.json was written by an older version of rnn \(checkpoint version 1.*train the run again\n$/,
    );
    rmSync(copy, { recursive: true, force: true });
  });
});
