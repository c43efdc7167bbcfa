import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { studies } from '@rnn/training';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';
import { studyNamesForHelp } from './study';

const dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-study-cli-'));
const file = path.join(dir, 'a-file');
writeFileSync(file, 'not a folder');

// A real study trains for minutes, so this covers what happens before training; runStudy itself is
// tested on a tiny study in @rnn/training.
describe('rnn study', () => {
  it('--help names every study there is, and the options', async () => {
    const names = studies.map((s) => s.name);
    expect(studyNamesForHelp).toBe(`${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`);
    const io = captureIo();
    expect(await runCli(['study', '--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: rnn study [options] <name>');
    expect(io.out()).toContain(studyNamesForHelp);
    expect(io.out()).toMatch(/--seed <seed>/);
    expect(io.out()).toMatch(/--out <dir>/);
  });

  it.each([
    [['study', 'nope'], /study must be one of sine, addition, parity; got "nope"/],
    [['study', 'parity', '--out', ''], /--out must name a folder, got an empty path/],
    [['study', 'parity', '--out', '  '], /--out must name a folder, got an empty path/],
    [['study', 'sine', '--out', file], /--out .*a-file is a file, not a folder/],
    [['study'], /missing required argument 'name'/],
  ])('rejects %j with one line and exit 2, writing nothing', async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
    expect(existsSync(path.join('runs', 'study-nope'))).toBe(false);
  });
});
