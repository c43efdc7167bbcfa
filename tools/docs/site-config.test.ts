import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cliGuide, cliReferencePage } from './cli-reference';
import { linkedDocuments } from './documentation-files';
import { markdownLinks } from './markdown-links';

const root = path.resolve(__dirname, '../..');
const typedoc = JSON.parse(readFileSync(path.join(root, 'typedoc.json'), 'utf8'));
const packages = readdirSync(path.join(root, 'packages'))
  .map((name) => path.join('packages', name))
  .filter((folder) => existsSync(path.join(root, folder, 'package.json')))
  .map((folder) => ({ folder, ...JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8')) }));
const published = packages.filter((manifest) => manifest.private !== true);

/** Whether a projectDocuments pattern (a path whose last part may hold `*`) matches `file`. */
function matches(pattern: string, file: string): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]*')}$`).test(file.split(path.sep).join('/'));
}

describe('the site typedoc builds', () => {
  it('documents the API of every published package and of no private one', () => {
    expect([...typedoc.entryPoints].sort()).toEqual(published.map(({ folder }) => folder).sort());
  });

  it('renders every Markdown file under docs/ as a page, the CLI guide and the generated CLI reference', () => {
    const pages = [
      ...linkedDocuments(root).filter((file) => file.startsWith(`docs${path.sep}`) && file !== typedoc.readme),
      cliGuide,
      cliReferencePage,
    ];
    const unmatched = pages.filter(
      (file) => !typedoc.projectDocuments.some((pattern: string) => matches(pattern, file)),
    );
    expect(unmatched).toEqual([]);
    expect(typedoc.readme).toBe('docs/README.md');
  });

  it('fails the build on any warning, a broken link or missing picture among them', () => {
    expect(typedoc).toMatchObject({
      treatWarningsAsErrors: true,
      treatValidationWarningsAsErrors: true,
      validation: { invalidLink: true, invalidPath: true },
    });
  });
});

describe('the index page', () => {
  const index = readFileSync(path.join(root, typedoc.readme), 'utf8');
  const targets = markdownLinks(index).map(({ target }) => path.join('docs', target));

  it('links to the README of every published package, and names how many there are', () => {
    for (const { folder } of published) expect(targets).toContain(path.join(folder, 'README.md'));
    const numbers = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];
    expect(index).toContain(`the ${numbers[published.length] ?? published.length} published packages`);
  });

  it('does not present a private package as part of the API', () => {
    for (const { folder } of packages.filter((manifest) => manifest.private === true)) {
      expect(targets).not.toContain(path.join(folder, 'README.md'));
    }
  });

  it('links to the guides, the CLI guide and reference, the architecture and the results', () => {
    expect(targets).toEqual(
      expect.arrayContaining([
        path.join('docs', 'guides', 'README.md'),
        cliGuide,
        cliReferencePage,
        path.join('docs', 'architecture.md'),
        path.join('docs', 'results.md'),
      ]),
    );
  });
});
