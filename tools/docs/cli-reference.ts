import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';

/** Where the page is written, relative to the repository; gitignored, as each build rebuilds it. */
export const cliReferencePage = path.join('docs', 'generated', 'cli.md');
/** The hand-written command-line guide the page points to. */
export const cliGuide = path.join('apps', 'cli', 'README.md');

/** A command of the program and the words that run it, e.g. `['rnn', 'markov', 'train']`. */
export interface CommandEntry {
  readonly words: readonly string[];
  readonly command: Command;
}

/**
 * Every command of `program`, the program itself first, then each command followed by its
 * subcommands, in the order `--help` lists them: the reference walks the program itself, so a
 * command added to the CLI is in it without anyone writing a word.
 */
export function commandsOf(program: Command): CommandEntry[] {
  const entries: CommandEntry[] = [];
  const visit = (command: Command, words: readonly string[]): void => {
    entries.push({ words, command });
    for (const child of command.commands) visit(child, [...words, child.name()]);
  };
  visit(program, [program.name()]);
  return entries;
}

/** The width the help is wrapped to: a terminal's 80 columns, whatever terminal builds the site. */
export const helpWidth = 80;

/**
 * The help of one command exactly as `--help` prints it on a terminal of {@link helpWidth} columns
 * without colours: the usage, options and subcommands, and whatever text the command adds after
 * them (`rnn data` lists every task there, which `helpInformation()` alone would leave out).
 */
export function helpText(command: Command): string {
  let text = '';
  command.configureOutput({
    writeOut: (chunk) => {
      text += chunk;
    },
    getOutHelpWidth: () => helpWidth,
    getOutHasColors: () => false,
  });
  command.outputHelp();
  return text;
}

/** The heading of a command's section, and the anchor GitHub and the site give it. */
export function commandHeading(words: readonly string[]): { heading: string; anchor: string } {
  const name = words.join(' ');
  return { heading: `\`${name}\``, anchor: name.replace(/ /g, '-') };
}

/**
 * The CLI reference page: one section per command, each holding that command's `--help`. The
 * page is generated from the program on every `npm run docs`, so it cannot drift from the CLI; the
 * hand-written guide (`apps/cli/README.md`) explains the commands with examples.
 */
export function renderCliReference(program: Command, guideLink: string): string {
  const entries = commandsOf(program);
  const lines = [
    '# CLI reference',
    '',
    `Every command of \`${program.name()}\` and everything it accepts, as \`--help\` prints it.`,
    'This page is generated from the program itself by `npm run docs`;',
    `[the command-line guide](${guideLink}) explains the commands with examples`,
    'and the conventions they all follow.',
    '',
    ...entries.map(({ words }) => {
      const { heading, anchor } = commandHeading(words);
      return `- [${heading}](#${anchor})`;
    }),
  ];
  for (const { words, command } of entries) {
    const help = helpText(command).trimEnd();
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(help) + 1));
    lines.push('', `## ${commandHeading(words).heading}`, '', `${fence}text`, help, fence);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the CLI reference of `program` to {@link cliReferencePage} under `root`, linking to the
 * guide, and returns the file's absolute path.
 */
export function writeCliReference(program: Command, root: string): string {
  const page = path.join(root, cliReferencePage);
  const guide = path.relative(path.dirname(page), path.join(root, cliGuide)).split(path.sep).join('/');
  mkdirSync(path.dirname(page), { recursive: true });
  writeFileSync(page, renderCliReference(program, guide));
  return page;
}

/** The longest run of backticks in `text`, so a fence around it is longer still. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
}
