import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The obvious way to run a script of one's own in the repository, `npx tsx script.mts`, works with
// no build: the repository's .npmrc hands Node the export condition that maps @rnn/* to src/.
it('a script importing @rnn/datasets runs with plain npx tsx', () => {
  const root = path.resolve(__dirname, '../../..');
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const run = spawnSync('npx', ['tsx', 'packages/datasets/fixtures/own-script.mts'], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.stderr).not.toContain('Cannot find module');
  expect(run.status).toBe(0);
  const [x, y, sum] = run.stdout.trim().split(/[+=]/).map(Number);
  expect(x + y).toBe(sum);
}, 60_000);
