// Adds up jest's own counts from every project's results file (each project's `test` script runs
// jest with --json) and prints the plain closing line CI reads: "N passed, N failed".
// Exits 1 when a project's results are missing, when a test failed, or when no test ran at all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const { workspaces } = readJson(path.join(root, 'package.json'));
const projects = workspaces
  .flatMap((pattern) => {
    const dir = path.join(root, pattern.replace(/\/\*$/, ''));
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(dir, entry.name));
  })
  .filter(
    (dir) => existsSync(path.join(dir, 'package.json')) && readJson(path.join(dir, 'package.json')).scripts?.test,
  );

let passed = 0;
let failed = 0;
let missing = 0;
for (const project of projects) {
  const file = path.join(project, '.jest-results.json');
  if (!existsSync(file)) {
    console.error(`jest-summary: no results from ${path.relative(root, project)}: its tests did not run`);
    missing++;
    continue;
  }
  const results = readJson(file);
  passed += results.numPassedTests;
  // A suite that fails to load has no failed tests of its own, but it is a failure all the same.
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
}
if (passed + failed === 0) console.error('jest-summary: no test ran');
console.log(`${passed} passed, ${failed} failed`);
process.exit(missing > 0 || failed > 0 || passed === 0 ? 1 : 0);
