import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { createProgram } from '../../apps/cli/src/program';
import { cliReferencePage, renderCliReference } from './cli-reference';

const root = path.resolve(__dirname, '../..');
const silent = { write: () => true };
const program = (): Command => createProgram({ stdout: silent, stderr: silent });
const guide = '../../apps/cli/README.md';

/** The words of every command, walked here on its own so the page is held to the program itself. */
function everyCommand(command: Command, words: string[] = [command.name()]): string[][] {
  return [words, ...command.commands.flatMap((child) => everyCommand(child, [...words, child.name()]))];
}

/** What `--help` prints for `command` on an 80-column terminal, captured from its own output. */
function printedHelp(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk), getOutHelpWidth: () => 80 });
  command.outputHelp();
  return text.trimEnd();
}

/** The page's sections: each `## ` heading and the text up to the next. */
function sections(page: string): Map<string, string> {
  const parts = page.split(/^## /m).slice(1);
  return new Map(parts.map((part) => [part.slice(0, part.indexOf('\n')), part.slice(part.indexOf('\n') + 1)]));
}

describe('the CLI reference page', () => {
  const page = renderCliReference(program(), guide);
  const commands = (() => {
    const found = program();
    return everyCommand(found).map((words) => ({
      words,
      command: words.slice(1).reduce((at, name) => at.commands.find((c) => c.name() === name)!, found),
    }));
  })();

  it('has one section per command and subcommand of rnn, in the order --help lists them', () => {
    expect([...sections(page).keys()]).toEqual(commands.map(({ words }) => `\`${words.join(' ')}\``));
    expect(commands.map(({ words }) => words.join(' '))).toEqual(
      expect.arrayContaining(['rnn', 'rnn train', 'rnn markov', 'rnn markov train', 'rnn sample', 'rnn data']),
    );
  });

  it("holds each command's --help in its section, with the text a command adds after it", () => {
    const bySection = sections(page);
    for (const { words, command } of commands) {
      expect(bySection.get(`\`${words.join(' ')}\``)).toContain(printedHelp(command));
    }
    // rnn data lists its tasks after its options, which helpInformation() alone would leave out.
    expect(bySection.get('`rnn data`')).toContain('parity');
  });

  it('lists every section at the top, linked by the anchor its heading gets', () => {
    for (const { words } of commands) {
      expect(page).toContain(`- [\`${words.join(' ')}\`](#${words.join('-')})`);
    }
  });

  it('links to the hand-written guide', () => {
    expect(page).toContain(`[the command-line guide](${guide})`);
  });
});

describe('write-cli-reference.mts', () => {
  const script = path.join(root, 'tools', 'docs', 'write-cli-reference.mts');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--conditions=@rnn/source', '--import', 'tsx', script, ...args], {
      cwd: root,
      encoding: 'utf8',
    });

  it('writes the page npm run docs renders, from the program as it is', () => {
    const result = run();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(root, cliReferencePage), 'utf8')).toBe(renderCliReference(program(), guide));
  });

  it('refuses an argument with one line naming it, and exit 2', () => {
    const result = run('--out');
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `write-cli-reference: unexpected argument "--out"; it takes none and writes ${cliReferencePage}\n`,
    );
  });
});
