import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledCorpora } from './bundled-corpora';
import { bundledCorpusPath, loadCorpus, packageRoot } from './load-corpus';

describe('loadCorpus', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rnn-corpus-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the shipped tinyshakespeare by name, byte-identical to its recorded checksum', () => {
    const text = loadCorpus('tinyshakespeare');
    expect(text.length).toBe(1115394);
    expect(text.startsWith('First Citizen:\nBefore we proceed any further, hear me speak.')).toBe(true);
    const file = bundledCorpusPath('tinyshakespeare') as string;
    expect(file).toBe(path.join(packageRoot(), 'corpora', 'tinyshakespeare.txt'));
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(sha).toBe(bundledCorpora.tinyshakespeare.sha256);
  });

  it('finds the package root whether running from src or dist (by its package.json name)', () => {
    expect(JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).name).toBe('@rnn/datasets');
    // The files list ships the corpora folder with the package.
    expect(JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).files).toContain('corpora');
  });

  it('reads any UTF-8 text file by path, dropping a byte-order mark', () => {
    const file = path.join(dir, 'poem.txt');
    writeFileSync(file, '\ufeffle cœur a ses raisons\n');
    expect(loadCorpus(file)).toBe('le cœur a ses raisons\n');
  });

  it('rejects empty, binary and non-UTF-8 files with a RangeError, and passes ENOENT through', () => {
    const empty = path.join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect(() => loadCorpus(empty)).toThrow(RangeError);
    expect(() => loadCorpus(empty)).toThrow(/the file is empty/);
    const binary = path.join(dir, 'model.bin');
    writeFileSync(binary, Buffer.from([0x41, 0x00, 0x42]));
    expect(() => loadCorpus(binary)).toThrow(/not a text file \(a NUL byte at offset 1\)/);
    const latin1 = path.join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x63, 0x6f, 0x65, 0x75, 0x72, 0xe9]));
    expect(() => loadCorpus(latin1)).toThrow(/not a UTF-8 text file/);
    expect(() => loadCorpus(path.join(dir, 'missing.txt'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => loadCorpus('')).toThrow(/give a corpus name \(tinyshakespeare\) or a file path/);
    expect(() => loadCorpus(dir)).toThrow(
      `${dir} is a folder; a corpus is a name (tinyshakespeare) or a UTF-8 text file`,
    );
  });
});
