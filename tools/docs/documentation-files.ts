import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Folders under `docs/` that hold no documentation of their own: the built site, scratch space. */
const notDocumentation: ReadonlySet<string> = new Set(['site', 'node_modules']);

/**
 * The Markdown files whose links must resolve: the repository's README, every Markdown file under
 * `docs/` (the guides, architecture, results, the generated CLI reference when built), and the
 * README of every package and app. Sorted, relative to `root`.
 */
export function linkedDocuments(root: string): string[] {
  return [
    ...(existsSync(path.join(root, 'README.md')) ? ['README.md'] : []),
    ...markdownUnder(root, 'docs'),
    ...workspaceReadmes(root, 'packages'),
    ...workspaceReadmes(root, 'apps'),
  ].sort();
}

/**
 * The Markdown files whose `ts` examples must run: the guides, the repository's README, and the
 * README of every app and of every package that is published. A private package's README (the
 * test-only kernel references) is written for the test suites that import it, not for scripts.
 */
export function exampleDocuments(root: string): string[] {
  const guides = path.join(root, 'docs', 'guides');
  return [
    ...(existsSync(guides) ? readdirSync(guides).filter((name) => name.endsWith('.md')) : []).map((name) =>
      path.join('docs', 'guides', name),
    ),
    ...(existsSync(path.join(root, 'README.md')) ? ['README.md'] : []),
    ...workspaceReadmes(root, 'packages').filter((readme) => !isPrivate(path.join(root, path.dirname(readme)))),
    ...workspaceReadmes(root, 'apps'),
  ].sort();
}

function markdownUnder(root: string, folder: string): string[] {
  const absolute = path.join(root, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name.startsWith('.') || notDocumentation.has(entry.name) ? [] : markdownUnder(root, relative);
    }
    return entry.name.endsWith('.md') ? [relative] : [];
  });
}

function workspaceReadmes(root: string, parent: string): string[] {
  const absolute = path.join(root, parent);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute)
    .map((name) => path.join(parent, name, 'README.md'))
    .filter((readme) => existsSync(path.join(root, readme)));
}

function isPrivate(folder: string): boolean {
  const manifest = path.join(folder, 'package.json');
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).private === true;
}
