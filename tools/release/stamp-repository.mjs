#!/usr/bin/env node
// Writes where the code lives into every manifest before a release: npm shows a package's
// `repository` as its source link, and with `directory` it points into the monorepo. The URL is the
// project's own (its git remote `origin`, or --url), never guessed, so a copy of the project
// published from elsewhere links to where it really lives.
//
//   node tools/release/stamp-repository.mjs [--url URL] [--root DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const fail = (message) => {
  console.error(`stamp-repository: ${message}`);
  process.exit(2);
};

let args;
try {
  args = parseArgs({ options: { url: { type: 'string' }, root: { type: 'string' } } }).values;
} catch (err) {
  fail(`${err.message}; usage: stamp-repository.mjs [--url URL] [--root DIR]`);
}
const root = path.resolve(args.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));

/** A git remote as the URL npm links to: `git@host:owner/name.git` and `https://host/owner/name` alike. */
function repositoryUrl(remote) {
  const text = remote.trim();
  const scp = /^[\w.-]+@([\w.-]+):(.+?)(\.git)?$/.exec(text);
  if (scp) return `git+https://${scp[1]}/${scp[2]}.git`;
  const web = /^(?:git\+)?(https?|ssh|git):\/\/(?:[^@/]+@)?([\w.-]+(?::\d+)?)\/(.+?)(\.git)?\/?$/.exec(text);
  if (web) return `git+https://${web[2]}/${web[3]}.git`;
  return undefined;
}

function originOf(dir) {
  try {
    return execFileSync('git', ['-C', dir, 'remote', 'get-url', 'origin'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

const given = args.url ?? originOf(root);
if (given === undefined)
  fail('no repository URL: give --url URL, or add the git remote origin (git remote add origin URL)');
const url = repositoryUrl(given);
if (url === undefined)
  fail(
    `${JSON.stringify(given.trim())} is not a git URL (expected https://host/owner/name or git@host:owner/name.git)`,
  );

const rootFile = path.join(root, 'package.json');
const rootManifest = JSON.parse(readFileSync(rootFile, 'utf8'));
const folders = rootManifest.workspaces.flatMap((pattern) => {
  const parent = path.join(root, pattern.replace(/\/\*$/, ''));
  return existsSync(parent) ? readdirSync(parent).map((name) => path.join(parent, name)) : [];
});

/** Rewrites a manifest with its repository, keeping its key order and its two-space layout. */
function stamp(file, repository) {
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const entries = Object.entries(manifest).filter(([key]) => key !== 'repository');
  const at = Math.max(0, entries.findIndex(([key]) => key === 'license') + 1);
  entries.splice(at, 0, ['repository', repository]);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`);
  renameSync(temp, file);
}

stamp(rootFile, { type: 'git', url });
let stamped = 0;
for (const folder of folders) {
  const file = path.join(folder, 'package.json');
  if (!existsSync(file) || JSON.parse(readFileSync(file, 'utf8')).private) continue;
  stamp(file, { type: 'git', url, directory: path.relative(root, folder).split(path.sep).join('/') });
  stamped++;
}
console.log(`stamp-repository: ${url} in package.json and ${stamped} publishable packages`);
