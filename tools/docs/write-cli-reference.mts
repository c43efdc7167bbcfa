// Writes the site's CLI reference, docs/generated/cli.md, from the `rnn` program itself (run by
// `npm run docs` before typedoc renders the site). Takes no arguments.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProgram } from '../../apps/cli/src/program.js';
import { cliReferencePage, writeCliReference } from './cli-reference.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const given = process.argv.slice(2);
if (given.length > 0) {
  process.stderr.write(
    `write-cli-reference: unexpected argument ${JSON.stringify(given[0])}; it takes none and writes ${cliReferencePage}\n`,
  );
  process.exit(2);
}

// The program only describes itself here: no command runs, so nothing is written to its streams.
const silent = { write: () => true };
const program = createProgram({ stdout: silent, stderr: silent });
const page = writeCliReference(program, root);
process.stdout.write(`${path.relative(root, page)}: rnn and its ${program.commands.length} commands\n`);
