#!/usr/bin/env node
// Checks that every publishable workspace package can be published and used as is: its licence file
// ships with it, it says which Node it needs, a scoped name is published as public, and every subpath
// export has types that resolve under TypeScript's older `node10` resolution too (typesVersions),
// not only under node16 and bundler. Prints one line per problem and exits 1 if there is any.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const folders = rootManifest.workspaces.flatMap((pattern) => {
  const parent = path.join(root, pattern.replace(/\/\*$/, ''));
  return existsSync(parent) ? readdirSync(parent).map((name) => path.join(parent, name)) : [];
});

const problems = [];
let checked = 0;
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
