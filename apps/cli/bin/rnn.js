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
  const { spawn } = require('node:child_process');
  const tsx = pathToFileURL(require.resolve('tsx', { paths: [__dirname] })).href;
  // The IPC channel ties the command to this launcher: when the launcher dies, even by kill -9, the
  // channel closes and the command stops too (see main.ts) instead of running on unseen.
  // Node's own flags given to the launcher (e.g. --experimental-wasm-relaxed-simd) reach the command.
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--conditions=@rnn/source', '--import', tsx, source, ...process.argv.slice(2)],
    { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] },
  );
  // Ctrl-C reaches the command too (the terminal signals the whole group), which finishes its step,
  // saves and reports: this launcher only waits for it instead of dying first.
  process.on('SIGINT', () => undefined);
  // kill and a closed terminal signal this launcher alone: pass them on.
  const forwarded = ['SIGTERM', 'SIGHUP'];
  for (const signal of forwarded) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    process.stderr.write(`rnn: cannot start: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal, so a shell sees what happened (130 for Ctrl-C).
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}
