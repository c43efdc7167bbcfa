#!/usr/bin/env node
// Builds the optional native addon with node-gyp (`npm ci` runs it as this workspace's `install` script;
// `npm run build:native` runs it by hand). It never fails the install: when there is no compiler, no
// node-gyp or no Node headers, or the build breaks, it prints one line saying why native kernels are
// unavailable and exits 0; the toolkit then uses its portable TypeScript kernels.
//
// Environment: RNN_NATIVE_SKIP=1 skips the build; RNN_NATIVE_MARCH overrides -march=native;
// RNN_NATIVE_STRICT=1 exits 1 on failure (for CI jobs that must have the addon). It skips the compile
// when the addon was built from the same sources (build/native-build.stamp); `--force` rebuilds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const addon = path.join(packageDir, 'build', 'Release', 'rnn_native.node');
const logFile = path.join(packageDir, 'build', 'native-build.log');
const stampFile = path.join(packageDir, 'build', 'native-build.stamp');
const strict = process.env.RNN_NATIVE_STRICT === '1';

function unavailable(reason) {
  console.log(`@rnn/native: native kernels unavailable (${reason}); the portable TypeScript kernels will be used`);
  process.exit(strict ? 1 : 0);
}

/** node-gyp: the one npm passes to scripts, a local install, or the copy bundled with npm. */
function findNodeGyp() {
  const candidates = [];
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  try {
    candidates.push(createRequire(path.join(packageDir, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed locally
  }
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  candidates.push(
    path.join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(prefix, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  if (process.env.npm_execpath) {
    // .../npm/bin/npm-cli.js -> .../npm/node_modules/node-gyp
    const npmDir = path.resolve(path.dirname(process.env.npm_execpath), '..');
    candidates.push(path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  return candidates.find((file) => existsSync(file));
}

/** Whether a program runs at all (`--version` exits 0). */
function runs(command) {
  const [program, ...args] = command.split(/\s+/).filter(Boolean);
  if (!program) return false;
  const result = spawnSync(program, [...args, '--version'], { stdio: 'ignore', timeout: 20000 });
  return !result.error && result.status === 0;
}

/** Node's headers next to the running binary (Linux distributions, nodesource, the official tarballs). */
function localNodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  const include = path.join(prefix, 'include', 'node');
  return existsSync(path.join(include, 'node_api.h')) && existsSync(path.join(include, 'common.gypi'))
    ? prefix
    : undefined;
}

/** The line of the build log that best says why it failed. */
function reasonFrom(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (
    lines.some((l) => /^gyp http GET .*headers/.test(l)) &&
    lines.some((l) => /network|ENOTFOUND|ETIMEDOUT|EAI_AGAIN/.test(l))
  ) {
    return "could not download Node's headers (offline?): install them (Node's include/node next to the node binary) or set npm_config_nodedir";
  }
  const pick =
    lines.find((l) => /\berror:/i.test(l) && !/^gyp/.test(l)) ??
    lines.find((l) => /^gyp: /.test(l)) ??
    lines.find((l) => /^gyp ERR! stack Error:/.test(l)) ??
    lines.find((l) => /not found|cannot|No such|failed/i.test(l) && !/^gyp (info|WARN)/.test(l)) ??
    lines.at(-1) ??
    'no output';
  return pick.replace(/^gyp (ERR! (stack )?)?/, '').slice(0, 240);
}

// `--state` prints what is built (for Nx: the test target's results depend on it), and builds nothing.
if (process.argv.includes('--state')) {
  const stat = statSync(addon, { throwIfNoEntry: false });
  console.log(stat ? `${addon} ${stat.size} ${stat.mtimeMs}` : 'not built');
  process.exit(0);
}

/** Loads the addon in a child process; returns "simd, N threads", or undefined with the error. */
function probeAddon() {
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const b = require(${JSON.stringify(addon)}); const i = b.info(); console.log(i.simd + ', ' + i.threads + ' threads')`,
    ],
    { encoding: 'utf8', timeout: 60000 },
  );
  return probe.status === 0 ? { ok: probe.stdout.trim() } : { error: reasonFrom(`${probe.stdout}${probe.stderr}`) };
}

/** What the build depends on: the sources, the build script, the target and -march. */
function sourceStamp() {
  const hash = createHash('sha256');
  const cDir = path.join(packageDir, 'src', 'c');
  const files = [
    path.join(packageDir, 'binding.gyp'),
    fileURLToPath(import.meta.url),
    ...readdirSync(cDir)
      .sort()
      .map((f) => path.join(cDir, f)),
  ];
  for (const file of files) hash.update(`${path.basename(file)}\0`).update(readFileSync(file));
  hash.update(
    `${process.platform} ${process.arch} ${process.env.RNN_NATIVE_MARCH ?? 'native'} ${process.env.CC ?? ''}`,
  );
  return hash.digest('hex');
}

if (process.env.RNN_NATIVE_SKIP === '1') unavailable('RNN_NATIVE_SKIP=1');

// `npm install` runs this on every install: skip the compile when nothing it depends on changed.
const stamp = sourceStamp();
if (!process.argv.includes('--force') && existsSync(addon) && existsSync(stampFile)) {
  if (readFileSync(stampFile, 'utf8').trim() === stamp) {
    const probed = probeAddon();
    if (probed.ok) {
      console.log(
        `@rnn/native: native kernels up to date (${probed.ok}): ${path.relative(process.cwd(), addon) || addon}`,
      );
      process.exit(0);
    }
  }
}

const nodeGyp = findNodeGyp();
if (!nodeGyp) unavailable('node-gyp not found: it ships with npm; or `npm install -g node-gyp`');

const env = { ...process.env };
if (process.platform !== 'win32') {
  const cc = env.CC || 'cc';
  if (!runs(cc)) unavailable(`no working C compiler (${cc}): install gcc or clang, make and python3`);
  if (!runs(env.MAKE || 'make')) unavailable('make not found');
  // gyp's Makefiles link with the C++ compiler; the addon is plain C, so the C compiler will do.
  if (!env.LINK && !runs(env.CXX || 'c++') && !runs('g++')) env.LINK = cc;
}

const args = [nodeGyp, 'rebuild', '--release', `--jobs=${Math.max(1, Math.min(4, os.cpus().length))}`];
// npm passes a configured nodedir to node-gyp through npm_config_nodedir; else prefer the local
// headers, so that no download (which needs the internet) is attempted.
const nodeDir = process.env.npm_config_nodedir || localNodeDir();
if (nodeDir) args.push(`--nodedir=${nodeDir}`);

const started = Date.now();
const result = spawnSync(process.execPath, args, {
  cwd: packageDir,
  encoding: 'utf8',
  timeout: 10 * 60 * 1000,
  env,
});
const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
try {
  mkdirSync(path.dirname(logFile), { recursive: true });
  writeFileSync(logFile, `$ node ${args.join(' ')}\n${output}`);
} catch {
  // the log is a convenience
}
if (result.error || result.status !== 0 || !existsSync(addon)) {
  rmSync(addon, { force: true });
  unavailable(
    `node-gyp rebuild failed: ${result.error ? result.error.message : reasonFrom(output)}; full log in ${path.relative(process.cwd(), logFile) || logFile}`,
  );
}

// Load it once in a child process: a .node file that builds but does not load is no better than none.
const probed = probeAddon();
if (!probed.ok) {
  rmSync(addon, { force: true });
  unavailable(`the built addon does not load: ${probed.error}`);
}
writeFileSync(stampFile, `${stamp}\n`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `@rnn/native: built native kernels (${probed.ok}) in ${seconds} s: ${path.relative(process.cwd(), addon) || addon}`,
);
