import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The main entry point must bundle for a browser: no Node built-ins anywhere it reaches. Only the
// Node entry point (node.ts) and the file module it exports may use them.
const nodeOnly = new Set(['node.ts', 'model-file.ts']);

function sources(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full, base);
    return /\.ts$/.test(e.name) && !/\.(test|testing)\.ts$/.test(e.name) ? [path.relative(base, full)] : [];
  });
}

describe('browser safety', () => {
  it('keeps Node built-ins and tfjs out of everything but the Node entry point', () => {
    const offenders = sources(__dirname).filter((file) => {
      const text = readFileSync(path.join(__dirname, file), 'utf8');
      if (/@tensorflow/.test(text)) return true;
      if (nodeOnly.has(file)) return false;
      return (
        /from '(node:|fs|path|os|crypto)/.test(text) ||
        /require\(/.test(text) ||
        /__dirname|process\./.test(text) ||
        /@rnn\/datasets\/node/.test(text)
      );
    });
    expect(offenders).toEqual([]);
  });

  it('does not reach the file module from the main entry point', () => {
    const index = readFileSync(path.join(__dirname, 'index.ts'), 'utf8');
    expect(index).not.toMatch(/model-file|'\.\/node'/);
  });
});
