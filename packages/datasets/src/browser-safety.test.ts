import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The main entry point must bundle for a browser: no Node built-ins anywhere it reaches. Only the
// Node entry point (node.ts) and the file readers and writer it exports may use them.
const nodeOnly = new Set([
  'node.ts',
  path.join('corpus', 'load-corpus.ts'),
  path.join('files', 'folder-on-disk.ts'),
  path.join('files', 'write-file-atomic.ts'),
]);

function sources(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full, base);
    return /\.ts$/.test(e.name) && !/\.(test|testing)\.ts$/.test(e.name) ? [path.relative(base, full)] : [];
  });
}

describe('browser safety', () => {
  it('keeps Node built-ins out of everything but the Node entry point', () => {
    const offenders = sources(__dirname).filter((file) => {
      if (nodeOnly.has(file)) return false;
      const text = readFileSync(path.join(__dirname, file), 'utf8');
      return /from '(node:|fs|path|os)/.test(text) || /require\(/.test(text) || /__dirname|process\./.test(text);
    });
    expect(offenders).toEqual([]);
  });

  it('does not reach the file reader from the main entry point', () => {
    const index = readFileSync(path.join(__dirname, 'index.ts'), 'utf8');
    expect(index).not.toMatch(/load-corpus|write-file-atomic|folder-on-disk|'\.\/node'/);
  });
});
