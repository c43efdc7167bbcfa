import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../run-cli';
import { captureIo } from '../capture-io.testing';

const lines = (text: string) => text.trim().split('\n');

describe('rnn data', () => {
  it('prints addition examples as JSON Lines whose targets are the sums of their inputs', async () => {
    const io = captureIo();
    expect(await runCli(['data', 'addition', '--n', '20', '--seed', '3', '--json'], io)).toBe(0);
    const examples = lines(io.out()).map((line) => JSON.parse(line));
    expect(examples).toHaveLength(20);
    for (const { input, target, length } of examples) {
      const [x, y] = String(input).split('+').map(Number);
      expect(Number(target)).toBe(x + y);
      expect(length).toBe(String(input).length);
    }
  });

  it('prints people-readable lines by default, and takes task options in kebab case', async () => {
    const io = captureIo();
    expect(await runCli(['data', 'copy', '--reverse', '--min-length', '3', '--max-length', '5', '--n', '5'], io)).toBe(
      0,
    );
    for (const line of lines(io.out())) {
      const [input, target] = line.split(' -> ');
      expect(target).toBe([...input].reverse().join(''));
      expect(input.length).toBeGreaterThanOrEqual(3);
      expect(input.length).toBeLessThanOrEqual(5);
    }
  });

  it.each([
    [['data', 'copy', '--n', '-1'], /^rnn: --n must be an integer from 1 to 1,000,000, got -1\n$/],
    [['data', 'copy', '--n', '1e7'], /^rnn: --n must be an integer from 1 to 1,000,000, got 1e7\n$/],
    [['data', 'copy', '--n', '2.5'], /^rnn: --n must be an integer from 1 to 1,000,000, got 2\.5\n$/],
    [
      ['data', 'parity', '--length', '1e8'],
      /^rnn: parity: n × length is 1000000000 values per array, more than the 268435456/,
    ],
    [['data', 'sine', '--steps', '1e12'], /^rnn: sine: n × \(steps - 1\) is \d+ values per array/],
    [['data', 'copy', '--max-length', '1e12'], /^rnn: copy: n × \(maxLength \+ 1\) is \d+ values per array/],
    [
      ['data', 'text', '--corpus', os.tmpdir()],
      /^rnn: .+ is a folder; a corpus is a name \(tinyshakespeare\) or a UTF-8 text file\n$/,
    ],
    [['data', 'copy', '--min-length', '5', '--max-length', '3'], /minLength must be <= maxLength/],
    [['data', 'copy', '--alphabet', ''], /alphabet/],
    [['data', 'addition', '--min-digits', '1.5'], /minDigits must be an integer/],
    [['data', 'nope'], /task must be one of .*copy.*; got "nope"/],
    [['data', 'parity', '--reverse'], /parity task does not take --reverse/],
  ])('rejects %j with one line and exit 2', async (argv, message) => {
    const io = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(lines(io.err())).toHaveLength(1);
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });

  it('gives identical output for one seed in separate processes, and different output for another', () => {
    const bin = path.join(__dirname, '..', '..', 'bin', 'rnn.js');
    const run = (seed: string) =>
      spawnSync(process.execPath, [bin, '--json', 'data', 'parity', '--n', '5', '--seed', seed], { encoding: 'utf8' });
    const [a, b, c] = [run('7'), run('7'), run('8')];
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    for (const line of lines(a.stdout)) {
      const { input, target } = JSON.parse(line);
      const bits = [...String(input)].map(Number);
      let parity = 0;
      expect([...String(target)].map(Number)).toEqual(bits.map((bit) => (parity ^= bit)));
    }
  });
});
