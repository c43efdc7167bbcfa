import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const stampScript = path.join(__dirname, 'stamp-repository.mjs');
const checkScript = path.join(__dirname, '..', 'ci', 'check-manifests.mjs');

const run = (script: string, args: string[]) => {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
};

const writeJson = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** A workspace of one publishable package (`packages/lib`) and one private one (`packages/own`). */
function fixture(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rnn-release-'));
  writeJson(path.join(root, 'package.json'), {
    name: 'root',
    private: true,
    license: 'MIT',
    workspaces: ['packages/*'],
  });
  const lib = path.join(root, 'packages', 'lib');
  const own = path.join(root, 'packages', 'own');
  mkdirSync(lib, { recursive: true });
  mkdirSync(own, { recursive: true });
  writeFileSync(path.join(lib, 'LICENSE'), 'MIT');
  writeJson(path.join(lib, 'package.json'), {
    name: '@x/lib',
    version: '1.0.0',
    license: 'MIT',
    engines: { node: '>=20' },
    publishConfig: { access: 'public' },
    files: ['dist', 'LICENSE'],
    scripts: { prepublishOnly: 'node ../../tools/ci/check-manifests.mjs --release' },
  });
  writeJson(path.join(own, 'package.json'), { name: '@x/own', private: true });
  return root;
}

describe('stamp-repository and check-manifests --release', () => {
  it('writes the one URL into every publishable manifest, each with its folder, which the check then accepts', () => {
    const root = fixture();
    expect(run(checkScript, ['--root', root, '--release'])).toMatchObject({ code: 1 });
    expect(run(checkScript, ['--root', root, '--release']).err).toMatch(/no "repository" to publish with/);
    const stamped = run(stampScript, ['--root', root, '--url', 'git@github.com:someone/rnn.git']);
    expect(stamped).toMatchObject({ code: 0 });
    expect(stamped.out).toContain('git+https://github.com/someone/rnn.git in package.json and 1 publishable packages');
    const lib = readJson(path.join(root, 'packages', 'lib', 'package.json'));
    expect(lib.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/someone/rnn.git',
      directory: 'packages/lib',
    });
    // Beside the licence, the rest of the manifest untouched and in order.
    expect(Object.keys(lib).slice(0, 4)).toEqual(['name', 'version', 'license', 'repository']);
    expect(readJson(path.join(root, 'packages', 'own', 'package.json')).repository).toBeUndefined();
    expect(readJson(path.join(root, 'package.json')).repository.url).toBe('git+https://github.com/someone/rnn.git');
    expect(run(checkScript, ['--root', root, '--release'])).toMatchObject({ code: 0 });
  });

  it('refuses a package whose repository names another place or folder', () => {
    const root = fixture();
    run(stampScript, ['--root', root, '--url', 'https://github.com/someone/rnn']);
    const file = path.join(root, 'packages', 'lib', 'package.json');
    writeJson(file, {
      ...readJson(file),
      repository: { type: 'git', url: 'git+https://github.com/someone/rnn.git', directory: 'lib' },
    });
    const checked = run(checkScript, ['--root', root]);
    expect(checked.code).toBe(1);
    expect(checked.err).toContain(
      'packages/lib/package.json: "repository" must be {"type": "git", "url": "git+https://github.com/someone/rnn.git", "directory": "packages/lib"}',
    );
  });

  it('refuses a package without the prepublish check', () => {
    const root = fixture();
    const file = path.join(root, 'packages', 'lib', 'package.json');
    writeJson(file, { ...readJson(file), scripts: {} });
    expect(run(checkScript, ['--root', root]).err).toMatch(/"scripts.prepublishOnly" must be/);
  });

  it.each([
    [[], /no repository URL: give --url URL, or add the git remote origin/],
    [['--url', 'not a url'], /"not a url" is not a git URL/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
  ])('stamp %j: one line and exit 2, nothing written', (args, message) => {
    const root = fixture();
    const before = readFileSync(path.join(root, 'package.json'), 'utf8');
    const result = run(stampScript, ['--root', root, ...args]);
    expect(result.code).toBe(2);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(message);
    expect(readFileSync(path.join(root, 'package.json'), 'utf8')).toBe(before);
  });
});
