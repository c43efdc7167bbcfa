import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureIo } from './capture-io.testing';
import {
  checkNewRunFolder,
  checkOutputFile,
  checkOutputFolder,
  checkpointFolderAround,
  requirePath,
} from './output-paths';
import { runCli } from './run-cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-output-paths-'));
/** A run folder as rnn train leaves it: latest.json naming its one checkpoint folder. */
const run = path.join(dir, 'run');
const checkpoint = path.join(run, 'epoch-00002');
mkdirSync(checkpoint, { recursive: true });
writeFileSync(path.join(checkpoint, 'model.json'), '{}');
writeFileSync(path.join(run, 'latest.json'), '{"folder":"epoch-00002"}\n');
const plain = path.join(dir, 'plain.txt');
writeFileSync(plain, 'x');

describe('requirePath', () => {
  it('refuses an empty path, naming the option and what it must name', () => {
    expect(() => requirePath('--out', '', 'a folder')).toThrow('--out must name a folder, got an empty path');
    expect(() => requirePath('--out', undefined, 'a folder')).not.toThrow();
    expect(() => requirePath('--out', 'x', 'a folder')).not.toThrow();
  });
});

describe('checkpointFolderAround', () => {
  it("finds the run's checkpoint folder a path is or lies in, through symbolic links too", () => {
    expect(checkpointFolderAround(checkpoint)).toBe(checkpoint);
    expect(checkpointFolderAround(path.join(checkpoint, 'a', 'b'))).toBe(checkpoint);
    const link = path.join(dir, 'link');
    symlinkSync(checkpoint, link);
    expect(checkpointFolderAround(path.join(link, 'model.json'))).toBe(checkpoint);
    expect(checkpointFolderAround(run)).toBeUndefined();
    // A folder named like a checkpoint is one only beside a latest.json.
    const lookalike = path.join(dir, 'photos', 'epoch-00001');
    mkdirSync(lookalike, { recursive: true });
    writeFileSync(path.join(lookalike, 'a.jpg'), 'x');
    expect(checkpointFolderAround(lookalike)).toBeUndefined();
  });
});

describe('checkNewRunFolder', () => {
  it('takes a new or an empty folder', () => {
    expect(() => checkNewRunFolder(path.join(dir, 'new', 'run'))).not.toThrow();
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    expect(() => checkNewRunFolder(empty)).not.toThrow();
  });

  it('takes what a run killed before its first checkpoint left, which holds no run yet', () => {
    const killed = path.join(dir, 'killed');
    mkdirSync(path.join(killed, 'epoch-00001'), { recursive: true });
    writeFileSync(path.join(killed, 'epoch-00001', 'model.json'), '{}');
    writeFileSync(path.join(killed, 'epoch-00001', '.weights.bin.0123456789ab.tmp'), 'x');
    writeFileSync(path.join(killed, '.latest.json.0123456789ab.tmp'), 'x');
    expect(() => checkNewRunFolder(killed)).not.toThrow();
    // Killed while the first checkpoint was still in its staging folder.
    mkdirSync(path.join(killed, '.epoch-00002.partial'));
    writeFileSync(path.join(killed, '.epoch-00002.partial', 'weights.bin'), 'x');
    expect(() => checkNewRunFolder(killed)).not.toThrow();
    // One file of the user's among them, and the folder is theirs.
    writeFileSync(path.join(killed, 'epoch-00001', 'notes.txt'), 'x');
    expect(() => checkNewRunFolder(killed)).toThrow(/is not empty and holds no run/);
  });

  it.each([
    ['a folder holding a run', run, /already holds a run; continue it with --resume .*run, or choose another --out/],
    [
      'a folder of other files',
      path.join(dir, 'photos'),
      /is not empty and holds no run \(it has epoch-00001\): give an empty or new folder, or --resume DIR/,
    ],
    ['a checkpoint folder', checkpoint, /epoch-00002 is a checkpoint folder of the run in .*run; .*even with --force/],
    [
      'a folder inside a checkpoint',
      path.join(checkpoint, 'sub'),
      /sub lies inside the checkpoint folder .*epoch-00002 of the run in/,
    ],
    ['a file', plain, /--out .*plain\.txt is a file, not a folder/],
    ['a path under a file', path.join(plain, 'sub'), /plain\.txt\/sub: a part of the path is a file, not a folder/],
    ['an empty path', '', /--out must name a folder, got an empty path/],
  ])('refuses %s', (_what, target, message) => {
    expect(() => checkNewRunFolder(target)).toThrow(message);
  });
});

describe('checkOutputFolder', () => {
  it('refuses the files it would replace unless forced, and leaves other files alone', () => {
    const out = path.join(dir, 'export');
    mkdirSync(out);
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    expect(() => checkOutputFolder('--out', out, ['model.json', 'weights.bin'], false)).not.toThrow();
    writeFileSync(path.join(out, 'model.json'), '{}');
    expect(() => checkOutputFolder('--out', out, ['model.json', 'weights.bin'], false)).toThrow(
      `--out ${out} already holds model.json; give --force to replace it, or choose another --out`,
    );
    expect(() => checkOutputFolder('--out', out, ['model.json', 'weights.bin'], true)).not.toThrow();
  });

  it("refuses a run's checkpoint folder, its latest.json and a file even when forced", () => {
    expect(() => checkOutputFolder('--out', checkpoint, ['model.json'], true)).toThrow(/is a checkpoint folder/);
    expect(() => checkOutputFolder('--out', run, ['latest.json'], true)).toThrow(/latest\.json would be replaced/);
    expect(() => checkOutputFolder('--out', plain, [], true)).toThrow(`--out ${plain} is a file, not a folder`);
  });
});

describe('checkOutputFile', () => {
  it('takes a new file in an existing folder, and an existing one only when forced', () => {
    expect(() => checkOutputFile('--out', path.join(dir, 'new.mkv'), false)).not.toThrow();
    expect(() => checkOutputFile('--out', plain, false)).toThrow(
      `--out ${plain} already exists; give --force to replace it, or choose another --out`,
    );
    expect(() => checkOutputFile('--out', plain, true)).not.toThrow();
  });

  it.each([
    ['a file in a checkpoint folder', path.join(checkpoint, 'model.json'), /lies inside the checkpoint folder/],
    ["a run's latest.json", path.join(run, 'latest.json'), /latest\.json is the latest\.json of the run in .*run/],
    ['a folder', dir, /is a folder, not a file/],
    ['a file in a missing folder', path.join(dir, 'missing', 'm.mkv'), /m\.mkv: the folder .*missing does not exist/],
    ['a path under a file', path.join(plain, 'm.mkv'), /a part of the path is a file, not a folder/],
    ['an empty path', '', /--out must name a file, got an empty path/],
  ])('refuses %s even when forced', (_what, target, message) => {
    expect(() => checkOutputFile('--out', target, true)).toThrow(message);
  });
});

describe('an empty path on the command line', () => {
  // Run from an empty folder: were '' taken as the current folder, what it read or wrote would show.
  const cwd = process.cwd();
  const here = mkdtempSync(path.join(os.tmpdir(), 'rnn-empty-path-'));
  beforeAll(() => process.chdir(here));
  afterAll(() => process.chdir(cwd));

  it.each([
    [['train', 'parity', '--epochs', '1', '--out', ''], '--out must name a folder'],
    [['train', 'parity', '--resume', ''], '--resume must name a run folder'],
    [['train', 'charlm-quick', '--corpus', ''], '--corpus must name a corpus or a file'],
    [['eval', ''], 'DIR must name a run folder'],
    [['predict', '', '--input', '0101'], 'DIR must name a run folder'],
    [['sample', ''], 'DIR must name a run folder'],
    [['export', '', '--out', 'x'], 'DIR must name a run folder'],
    [['export', run, '--out', ''], '--out must name a folder'],
    [['inspect', ''], 'DIR must name a run folder'],
    [['inspect', '--out', ''], '--out must name a folder'],
    [['compare', ''], 'PATH must name a run folder or a Markov model file'],
    [['compare', plain, '--text', ''], '--text must name a file'],
    [['markov', 'train', '--order', '1', '--out', ''], '--out must name a file'],
    [['markov', 'train', '--order', '1', '--corpus', '', '--out', 'm.mkv'], '--corpus must name a corpus or a file'],
  ])('%j is a usage error: one line, exit 2, nothing written', async (argv, message) => {
    const io = captureIo();
    expect(await runCli([...argv, '--backend', 'cpu'], io)).toBe(2);
    expect(io.err()).toBe(`rnn: ${message}, got an empty path\n`);
    expect(io.out()).toBe('');
    expect(readdirSync(here)).toEqual([]);
  });
});
