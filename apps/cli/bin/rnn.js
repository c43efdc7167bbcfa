#!/usr/bin/env node
'use strict';
// The `rnn` command. Inside the repository it runs the TypeScript sources through tsx, resolving the
// workspace packages to their sources too, so `npx rnn` works right after `npm ci` with no build and
// never runs stale output. A published install has no src/ and runs the compiled dist/.
const { existsSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const source = path.join(__dirname, '..', 'src', 'main.ts');
if (!existsSync(source)) {
  require('../dist/main.js');
} else {
  const { spawnSync } = require('node:child_process');
  const tsx = pathToFileURL(require.resolve('tsx', { paths: [__dirname] })).href;
  // Ctrl-C reaches the command too (the terminal signals the whole group), which finishes its step,
  // saves and reports: this launcher only waits for it instead of dying first.
  process.on('SIGINT', () => undefined);
  const result = spawnSync(
    process.execPath,
    ['--conditions=@rnn/source', '--import', tsx, source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  if (result.error) {
    process.stderr.write(`rnn: cannot start: ${result.error.message}\n`);
    process.exit(1);
  }
  if (result.signal) process.kill(process.pid, result.signal);
  process.exit(result.status ?? 1);
}
