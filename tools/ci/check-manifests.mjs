#!/usr/bin/env node
// Checks that every publishable workspace package can be published and used as is: its licence file
// ships with it, it says which Node it needs, a scoped name is published as public, and every subpath
// export has types that resolve under TypeScript's older `node10` resolution too (typesVersions),
// not only under node16 and bundler; and that where the code lives (`repository`) is the same in
// every manifest, with each package's own folder. `--release` (every package's prepublishOnly) also
// requires `repository`: `node tools/release/stamp-repository.mjs` writes it from the git remote.
// Prints one line per problem and exits 1 if there is any.
//
//   node tools/ci/check-manifests.mjs [--release] [--root DIR]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

let args;
try {
  args = parseArgs({ options: { release: { type: 'boolean' }, root: { type: 'string' } } }).values;
} catch (err) {
  console.error(`check-manifests: ${err.message}; usage: check-manifests.mjs [--release] [--root DIR]`);
  process.exit(2);
}
const root = path.resolve(args.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const folders = rootManifest.workspaces.flatMap((pattern) => {
  const parent = path.join(root, pattern.replace(/\/\*$/, ''));
  return existsSync(parent) ? readdirSync(parent).map((name) => path.join(parent, name)) : [];
});

/** What every publishable package runs before `npm publish`, from its own folder. */
const releaseCheck = 'node ../../tools/ci/check-manifests.mjs --release';

const problems = [];
let checked = 0;
const repositoryUrl = rootManifest.repository?.url;
if (args.release && repositoryUrl === undefined) {
  problems.push('package.json: no "repository" to publish with; run node tools/release/stamp-repository.mjs first');
}
for (const folder of folders) {
  const file = path.join(folder, 'package.json');
  if (!existsSync(file)) continue;
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  if (manifest.private) continue;
  checked++;
  const where = path.relative(root, file);
  const problem = (text) => problems.push(`${where}: ${text}`);
  if (!manifest.license) problem('no "license"');
  if (!existsSync(path.join(folder, 'LICENSE'))) problem('no LICENSE file beside it');
  if (Array.isArray(manifest.files) && !manifest.files.includes('LICENSE')) problem('"files" leaves LICENSE out');
  if (!manifest.engines?.node) problem('no "engines.node"');
  if (manifest.name.startsWith('@') && manifest.publishConfig?.access !== 'public') {
    problem('a scoped package needs "publishConfig": {"access": "public"} (npm publishes scoped names as private)');
  }
  if (manifest.scripts?.prepublishOnly !== releaseCheck) {
    problem(`"scripts.prepublishOnly" must be "${releaseCheck}", so npm publish checks the manifests first`);
  }
  const directory = path.relative(root, folder).split(path.sep).join('/');
  if (repositoryUrl !== undefined || manifest.repository !== undefined) {
    const { type, url, directory: given } = manifest.repository ?? {};
    if (type !== 'git' || url !== repositoryUrl || given !== directory) {
      problem(
        `"repository" must be {"type": "git", "url": ${JSON.stringify(repositoryUrl ?? '(the root package.json has none)')}, ` +
          `"directory": "${directory}"}, got ${JSON.stringify(manifest.repository)}`,
      );
    }
  }
  const mapped = manifest.typesVersions?.['*'] ?? {};
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === '.' || typeof target !== 'object' || !target.types) continue;
    const key = subpath.replace(/^\.\//, '');
    if (!(mapped[key] ?? []).includes(target.types)) {
      problem(`export "${subpath}" has types ${target.types} but "typesVersions" does not map "${key}" to them`);
    }
  }
}

for (const line of problems) console.error(line);
console.log(`manifests: ${checked} publishable packages checked, ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
