import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProgram } from '../../apps/cli/src/program';
import { writeCliReference } from './cli-reference';
import { linkedDocuments } from './documentation-files';
import { githubSlug, headingAnchors } from './heading-anchors';
import { brokenLinks, markdownLinks } from './markdown-links';

const root = path.resolve(__dirname, '../..');

describe('githubSlug', () => {
  it.each([
    ['Quick start', 'quick-start'],
    [
      '`rnn sample DIR`: write text with a trained language model',
      'rnn-sample-dir-write-text-with-a-trained-language-model',
    ],
    [
      '`rnn list` and `rnn train RECIPE`: every exercise from one command',
      'rnn-list-and-rnn-train-recipe-every-exercise-from-one-command',
    ],
    ['`rnn` — the command line', 'rnn--the-command-line'],
    ["The notebooks' own settings (`--notebook`)", 'the-notebooks-own-settings---notebook'],
    ['Kernels: why training here is **fast**', 'kernels-why-training-here-is-fast'],
    ['See [the guide](guide.md) first', 'see-the-guide-first'],
    ['`rnn sample <dir>`', 'rnn-sample-dir'],
  ])('%s -> %s', (heading, slug) => {
    expect(githubSlug(heading)).toBe(slug);
  });

  it('numbers a repeated heading as GitHub does, and ignores headings in code', () => {
    const text = '# Usage\n\n## Usage\n\n```sh\n# not a heading\n```\n\n### Usage ###\n';
    expect([...headingAnchors(text)]).toEqual(['usage', 'usage-1', 'usage-2']);
  });
});

describe('markdownLinks', () => {
  it('finds inline links, images and reference definitions, with their lines, and skips code', () => {
    const text = [
      'See [the guide](guide.md#run-it) and ![a wave](pictures/wave.svg "the wave").',
      '`[not a link](code.md)`',
      '```md',
      '[nor this](fenced.md)',
      '```',
      '[label]: ../README.md',
      '<img src="pictures/heatmap.svg" alt="">',
    ].join('\n');
    expect(markdownLinks(text)).toEqual([
      { target: 'guide.md#run-it', line: 1 },
      { target: 'pictures/wave.svg', line: 1 },
      { target: '../README.md', line: 6 },
      { target: 'pictures/heatmap.svg', line: 7 },
    ]);
  });
});

describe('brokenLinks', () => {
  let folder: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  };
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'rnn-links-'));
    write('docs/guide.md', '# Guide\n\n## Run it\n');
    write('docs/pictures/wave.svg', '<svg/>');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('accepts files, folders, headings of other files and of the same file, and external links', () => {
    write(
      'README.md',
      '# Top\n\n[g](docs/guide.md#run-it) [p](docs/pictures/wave.svg) [d](docs) [t](#top) [w](https://example.com/x.md)\n',
    );
    expect(brokenLinks(path.join(folder, 'README.md'), folder)).toEqual([]);
  });

  it('names a link to a missing file, a missing heading, and a path out of the repository', () => {
    write('README.md', '# Top\n\n[a](docs/gone.md)\n[b](docs/guide.md#walk-it)\n[c](#bottom)\n[d](../elsewhere.md)\n');
    expect(brokenLinks(path.join(folder, 'README.md'), folder)).toEqual([
      'README.md:3: docs/gone.md: no such file or folder docs/gone.md',
      'README.md:4: docs/guide.md#walk-it: docs/guide.md has no heading with the anchor #walk-it',
      'README.md:5: #bottom: README.md has no heading with the anchor #bottom',
      'README.md:6: ../elsewhere.md points outside the repository',
    ]);
  });
});

describe('every internal link of the documentation resolves', () => {
  // The CLI reference is built, not kept in git: write it, so links to it and from it are checked too.
  const silent = { write: () => true };
  writeCliReference(createProgram({ stdout: silent, stderr: silent }), root);
  const documents = linkedDocuments(root);

  it('checks the READMEs, every Markdown file under docs/ and the generated CLI reference', () => {
    expect(documents).toEqual(
      expect.arrayContaining(['README.md', 'docs/README.md', 'docs/architecture.md', 'docs/generated/cli.md']),
    );
    expect(documents.filter((file) => file.startsWith('packages/')).length).toBeGreaterThanOrEqual(9);
  });

  it.each(documents)('%s', (file) => {
    expect(brokenLinks(path.join(root, file), root)).toEqual([]);
  });
});
