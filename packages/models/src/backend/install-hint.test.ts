import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendPackages } from './backend-name';

// The hints are printed for people to paste: each command must be one npm accepts as written, in a
// project of the user's own and in this repository. Checked against the registry when it answers.
const repositoryRoot = path.resolve(__dirname, '../../../..');
const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, npm_config_fund: 'false' },
  });
const registryAnswers = npm(['ping'], os.tmpdir()).status === 0;
const itOnline = registryAnswers ? it : it.skip;

describe.each(['tensorflow', 'tensorflow-gpu'] as const)('the install hint of %s', (backend) => {
  const { package: name, install } = backendPackages[backend];
  const commands = install
    .replace(/\s*\(.*\)$/, '')
    .split(' && ')
    .map((c) => c.split(' '));

  it('installs, approves the install script, then runs it: npm 11 runs no unapproved script', () => {
    expect(commands.map((c) => c.slice(0, 3).join(' '))).toEqual([
      'npm install --save-optional',
      `npm install-scripts approve`,
      `npm rebuild ${name}`,
    ]);
    expect(install).not.toContain('--allow-scripts');
  });

  itOnline(
    'is accepted by npm in a new project and in this repository (dry run)',
    () => {
      const project = mkdtempSync(path.join(os.tmpdir(), 'rnn-install-hint-'));
      try {
        writeFileSync(path.join(project, 'package.json'), '{"name":"user-project","version":"1.0.0"}\n');
        for (const cwd of [project, repositoryRoot]) {
          const before = readFileSync(path.join(cwd, 'package.json'), 'utf8');
          const installed = npm([...commands[0].slice(1), '--dry-run', '--no-audit'], cwd);
          expect({ cwd, status: installed.status, stderr: installed.stderr.includes('npm error') }).toEqual({
            cwd,
            status: 0,
            stderr: false,
          });
          // The other two act on what the first installed: check that npm knows them as written.
          for (const command of commands.slice(1)) {
            expect(npm([...command.slice(1, -1), '--help'], cwd).status).toBe(0);
          }
          expect(readFileSync(path.join(cwd, 'package.json'), 'utf8')).toBe(before);
        }
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
