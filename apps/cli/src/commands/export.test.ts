import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-export-cli-'));
const run = path.join(dir, 'parity');
const cpu = ['--backend', 'cpu'];

/** Every file under `folder`, with its bytes, to see that a refused command changed nothing. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(folder, file)] = readFileSync(file).toString('base64');
  }
  return files;
}

describe('rnn export', () => {
  beforeAll(async () => {
    const train = ['train', 'parity', '--hidden', '4', '--epochs', '1', '--task', 'n=32', '--test-size', '8'];
    expect(await runCli([...train, ...cpu, '--out', run], captureIo())).toBe(0);
  });

  it('writes the tfjs layers files into a new folder', async () => {
    const out = path.join(dir, 'layers');
    const io = captureIo();
    expect(await runCli(['export', run, '--out', out, '--json', ...cpu], io)).toBe(0);
    expect(JSON.parse(io.out()).files).toEqual(['model.json', 'weights.bin', 'rnn-spec.json']);
    expect(readdirSync(out).sort()).toEqual(['model.json', 'rnn-spec.json', 'weights.bin']);
  });

  it("refuses to write into the run's checkpoint folder, even with --force, leaving the run whole", async () => {
    const { folder } = JSON.parse(readFileSync(path.join(run, 'latest.json'), 'utf8'));
    const checkpoint = path.join(run, folder);
    const before = snapshot(run);
    for (const out of [checkpoint, path.join(checkpoint, 'inside')]) {
      for (const force of [[], ['--force']]) {
        const io = captureIo();
        expect(await runCli(['export', run, '--out', out, ...force, ...cpu], io)).toBe(2);
        expect(io.err()).toMatch(
          new RegExp(`^rnn: --out ${out} (is a|lies inside the) checkpoint folder.* of the run in .*even with --force`),
        );
        expect(io.err().trim().split('\n')).toHaveLength(1);
      }
    }
    expect(snapshot(run)).toEqual(before);
    expect(existsSync(path.join(checkpoint, 'inside'))).toBe(false);
    // The run still loads: its checkpoint is the one training wrote.
    expect(await runCli(['eval', run, ...cpu], captureIo())).toBe(0);
  });

  it('refuses to replace files an earlier export wrote unless --force is given', async () => {
    const out = path.join(dir, 'again');
    expect(await runCli(['export', run, '--out', out, ...cpu], captureIo())).toBe(0);
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    const before = snapshot(out);
    const io = captureIo();
    expect(await runCli(['export', run, '--out', out, ...cpu], io)).toBe(2);
    expect(io.err()).toBe(
      `rnn: --out ${out} already holds model.json, rnn-spec.json, weights.bin; ` +
        'give --force to replace them, or choose another --out\n',
    );
    expect(snapshot(out)).toEqual(before);
    const forced = captureIo();
    expect(await runCli(['export', run, '--out', out, '--force', ...cpu], forced)).toBe(0);
    expect(readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('names a plain file given as --out in one line, exit 2, and leaves it alone', async () => {
    const file = path.join(dir, 'plain.txt');
    writeFileSync(file, 'keep me');
    for (const force of [[], ['--force']]) {
      const io = captureIo();
      expect(await runCli(['export', run, '--out', file, ...force, ...cpu], io)).toBe(2);
      expect(io.err()).toBe(`rnn: --out ${file} is a file, not a folder\n`);
    }
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it.each([
    [['export', '', '--out', path.join(dir, 'x')], 'rnn: DIR must name a run folder, got an empty path\n'],
    [['export', run, '--out', ''], 'rnn: --out must name a folder, got an empty path\n'],
  ])('rejects the empty path in %j with one line and exit 2', async (argv, message) => {
    const io = captureIo();
    expect(await runCli([...argv, ...cpu], io)).toBe(2);
    expect(io.err()).toBe(message);
    expect(existsSync(path.join(dir, 'x'))).toBe(false);
  });
});
