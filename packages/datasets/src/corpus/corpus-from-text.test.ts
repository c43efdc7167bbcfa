import { corpusFromBytes, corpusFromText, fetchCorpus } from './corpus-from-text';

describe('corpusFromText / corpusFromBytes', () => {
  it('accepts text and decodes UTF-8 bytes', () => {
    expect(corpusFromText('abc')).toBe('abc');
    expect(corpusFromBytes(new TextEncoder().encode('naïve'))).toBe('naïve');
  });

  it('rejects empty and binary content', () => {
    expect(() => corpusFromText('')).toThrow(RangeError);
    expect(() => corpusFromText('a\u0000b', 'upload')).toThrow(/upload: not a text file/);
    expect(() => corpusFromBytes(new Uint8Array([0xff, 0xfe, 0x41]))).toThrow(/not a UTF-8 text file/);
  });
});

describe('fetchCorpus', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('fetches and checks a corpus from a URL (the browser path)', async () => {
    globalThis.fetch = (async () => new Response('To be, or not to be')) as typeof fetch;
    await expect(fetchCorpus('https://example.org/a.txt')).resolves.toBe('To be, or not to be');
  });

  it('reports an HTTP failure as a RangeError', async () => {
    globalThis.fetch = (async () => new Response('', { status: 404, statusText: 'Not Found' })) as typeof fetch;
    await expect(fetchCorpus('https://example.org/missing.txt')).rejects.toThrow(/answered 404 Not Found/);
  });
});
