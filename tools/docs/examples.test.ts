import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { exampleDocuments } from './documentation-files';
import { fencedBlocks } from './fenced-blocks';
import { runExample, stderrBeyondWarnings } from './run-example';

const root = path.resolve(__dirname, '../..');
/** Where examples run: inside the repository, so `@rnn/*` resolve as in a user's script; gitignored. */
const scratch = path.join(root, 'docs', '.examples');
/** The most an example may take: a few seconds for most, one short training at most. */
const exampleSeconds = 60;

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('fencedBlocks', () => {
  it('reads each block with its language and the line of its fence', () => {
    const text =
      'Run:\n\n```sh\nnpx rnn info\n```\n\n````ts\nconst a = 1;\n```\nconsole.log(a);\n````\n\n```\nplain\n```\n';
    expect(fencedBlocks(text)).toEqual([
      { language: 'sh', code: 'npx rnn info', line: 3 },
      { language: 'ts', code: 'const a = 1;\n```\nconsole.log(a);', line: 7 },
      { language: '', code: 'plain', line: 13 },
    ]);
  });
});

describe('stderrBeyondWarnings', () => {
  it("drops Node's warnings and tfjs's notice about its faster backend, and keeps anything else", () => {
    const banner = [
      '============================',
      'Hi, looks like you are running TensorFlow.js in Node.js. To speed things up dramatically, install our node backend, visit https://github.com/tensorflow/tfjs-node for more details. ',
      '============================',
    ].join('\n');
    const warning = '(node:123) [DEP0040] DeprecationWarning: The `punycode` module is deprecated.';
    expect(stderrBeyondWarnings(`${banner}\n${warning}\n`)).toBe('');
    expect(stderrBeyondWarnings(`${banner}\nRangeError: n must be >= 1\n`)).toBe('RangeError: n must be >= 1');
  });
});

describe('runExample', () => {
  const folder = path.join(scratch, 'self-test');

  it('runs TypeScript with top-level await and the sources of @rnn/*, in its own folder', async () => {
    const run = await runExample(
      "import { createRng } from '@rnn/datasets';\nawait Promise.resolve();\nconsole.log(process.cwd(), typeof createRng);\n",
      folder,
      exampleSeconds,
    );
    expect(run).toMatchObject({ code: 0, timedOut: false, stdout: `${folder} function\n` });
  });

  it('reports a failing example and one that runs too long', async () => {
    const failing = await runExample("throw new RangeError('broken');\n", folder, exampleSeconds);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('RangeError: broken');
    const slow = await runExample('await new Promise((done) => setTimeout(done, 30_000));\n', folder, 1);
    expect(slow).toMatchObject({ code: null, timedOut: true });
  });
});

describe('every ts example of the documentation runs', () => {
  const examples = exampleDocuments(root).flatMap((file) =>
    fencedBlocks(readFileSync(path.join(root, file), 'utf8'))
      .filter((block) => block.language === 'ts' || block.language === 'typescript')
      .map((block) => ({ where: `${file}:${block.line}`, code: block.code })),
  );

  it('finds the examples of the READMEs and the guides', () => {
    const files = new Set(examples.map(({ where }) => where.slice(0, where.lastIndexOf(':'))));
    expect([...files]).toEqual(expect.arrayContaining(['README.md', 'packages/datasets/README.md']));
  });

  it.each(examples)(
    '$where',
    async ({ where, code }) => {
      const run = await runExample(`${code}\n`, path.join(scratch, where.replace(/[^\w.-]+/g, '_')), exampleSeconds);
      const unexpected = stderrBeyondWarnings(run.stderr);
      if (run.timedOut) throw new Error(`${where} was still running after ${exampleSeconds} s`);
      if (run.code !== 0 || unexpected !== '') {
        throw new Error(`${where} exited with ${run.code}${unexpected ? `, and wrote to stderr:\n${unexpected}` : ''}`);
      }
    },
    (exampleSeconds + 15) * 1000,
  );
});
