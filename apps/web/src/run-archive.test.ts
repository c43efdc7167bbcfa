import { findRunFolder, unzipFiles, zipFolder } from './run-archive';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const run = new Map([
  ['latest.json', bytes('{"folder":"epoch-00002"}\n')],
  ['epoch-00002/checkpoint.json', bytes('{}')],
  ['epoch-00002/weights.bin', Uint8Array.from([1, 2, 3, 4, 250])],
]);

describe('run archives', () => {
  it('zips a folder under its name and unzips to the same files', () => {
    const zip = zipFolder('parity-seed42', run);
    const back = unzipFiles(zip, 'parity-seed42.zip');
    expect([...back.keys()].sort()).toEqual([
      'parity-seed42/epoch-00002/checkpoint.json',
      'parity-seed42/epoch-00002/weights.bin',
      'parity-seed42/latest.json',
    ]);
    expect(Array.from(back.get('parity-seed42/epoch-00002/weights.bin')!)).toEqual([1, 2, 3, 4, 250]);
    expect(findRunFolder(back, 'parity-seed42.zip')).toEqual({ name: 'parity-seed42', files: run });
  });

  it('refuses a file that is not a zip', () => {
    expect(() => unzipFiles(bytes('hello'), 'notes.zip')).toThrow(/^notes\.zip is not a zip archive/);
  });

  it('finds the run folder at the top, under a folder, or from a checkpoint folder picked alone', () => {
    expect(findRunFolder(run, 'dropped')).toEqual({ name: 'dropped', files: run });
    const nested = new Map([...run].map(([p, b]) => [`runs/parity/${p}`, b]));
    nested.set('runs/notes.txt', bytes('mine'));
    expect(findRunFolder(nested, 'x')).toEqual({ name: 'parity', files: run });
    const picked = new Map([...run].filter(([p]) => p.startsWith('epoch-')).map(([p, b]) => [`parity/${p}`, b]));
    const found = findRunFolder(picked, 'x');
    expect(found.name).toBe('parity');
    expect(text(found.files.get('latest.json'))).toBe('{"folder":"epoch-00002"}\n');
    expect([...found.files.keys()].sort()).toEqual([...run.keys()].sort());
  });

  it('says what it got when no run folder is among the files', () => {
    expect(() => findRunFolder(new Map([['a.txt', bytes('')]]), 'mine.zip')).toThrow(
      'mine.zip holds no run folder (a latest.json, or a checkpoint folder with its checkpoint.json): got 1 file(s), e.g. a.txt',
    );
    expect(() => findRunFolder(new Map(), 'empty')).toThrow(/got no files$/);
  });
});
