import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { captureIo } from './capture-io.testing';
import { createProgram } from './program';
import { runCli } from './run-cli';

/** Every command of the program, the program itself first. */
function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

describe('rnn help', () => {
  it('names an unknown command and the commands there are, in one line, exit 2', async () => {
    const io = captureIo();
    expect(await runCli(['help', 'frobnicate'], io)).toBe(2);
    expect(io.err()).toBe(
      'rnn: unknown command frobnicate; commands: info, data, markov, list, train, eval, study, predict, sample, compare, export, inspect, plot, tour\n',
    );
    expect(io.out()).toBe('');
    const nested = captureIo();
    expect(await runCli(['markov', 'help', 'frobnicate'], nested)).toBe(2);
    expect(nested.err()).toBe(
      'rnn: unknown command markov frobnicate; commands of markov: train, generate, eval, sweep\n',
    );
    const leaf = captureIo();
    expect(await runCli(['help', 'train', 'fast'], leaf)).toBe(2);
    expect(leaf.err()).toBe('rnn: unknown command train fast; rnn train has no subcommands\n');
  });

  it('prints the help of a command, a subcommand, or the program, exit 0', async () => {
    for (const [argv, usage] of [
      [['help'], 'Usage: rnn [options] [command]'],
      [['help', 'train'], 'Usage: rnn train [options] <recipe>'],
      [['help', 'markov', 'generate'], 'Usage: rnn markov generate [options]'],
      [['markov', 'help', 'sweep'], 'Usage: rnn markov sweep [options]'],
    ] as const) {
      const io = captureIo();
      expect(await runCli([...argv], io)).toBe(0);
      expect(io.out().startsWith(usage)).toBe(true);
      expect(io.err()).toBe('');
    }
  });
});

describe('option help', () => {
  it('states each default once: never in the description and again as commander prints it', () => {
    const program = createProgram(captureIo());
    const doubled: string[] = [];
    for (const command of allCommands(program)) {
      const help = command.createHelp();
      for (const option of command.options) {
        const text = help.optionDescription(option);
        if (text.includes('(default:') && /\(default[^:]/.test(text)) doubled.push(`${command.name()} ${option.flags}`);
      }
    }
    expect(doubled).toEqual([]);
  });
});

describe('the tfjs banner', () => {
  it('never reaches stderr, not even from commands that load a checkpoint before choosing a backend', async () => {
    const run = path.join(mkdtempSync(path.join(os.tmpdir(), 'rnn-banner-')), 'run');
    const quick = ['--hidden', '4', '--epochs', '1', '--backend', 'cpu', '--out', run];
    expect(await runCli(['train', 'parity', ...quick], captureIo())).toBe(0);
    const bin = path.join(__dirname, '..', 'bin', 'rnn.js');
    for (const argv of [
      ['export', run, '--out', `${run}-exported`],
      ['--json', 'eval', run],
    ]) {
      const result = spawnSync(process.execPath, [bin, ...argv], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(result.stderr).not.toContain('Hi, looks like');
      expect(result.stderr).toBe('');
    }
  });
});
