import { chunkedWriter } from './cli-io';

describe('chunkedWriter', () => {
  it('gathers small pieces into writes of about one chunk, and writes the rest at the end', async () => {
    const writes: string[] = [];
    const out = chunkedWriter({ write: (text: string) => writes.push(text) }, 4);
    for (const piece of 'abcdefghij') expect(out.write(piece)).toBeUndefined();
    expect(writes).toEqual(['abcd', 'efgh']);
    await out.end();
    expect(writes).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('hands back a promise while the stream is backed up, settled by its drain event', async () => {
    const writes: string[] = [];
    let drain: (() => void) | undefined;
    const stream = {
      write: (text: string) => {
        writes.push(text);
        return false;
      },
      once: (_event: 'drain', listener: () => void) => {
        drain = listener;
      },
    };
    const out = chunkedWriter(stream, 2);
    expect(out.write('a')).toBeUndefined();
    const backedUp = out.write('b');
    expect(backedUp).toBeInstanceOf(Promise);
    expect(out.write('c')).toBe(backedUp);
    let ended = false;
    const end = out.end().then(() => (ended = true));
    await Promise.resolve();
    expect(writes).toEqual(['ab']); // the rest waits for the drain
    drain?.();
    await backedUp;
    await Promise.resolve();
    expect(writes).toEqual(['ab', 'c']);
    drain?.();
    await end;
    expect(ended).toBe(true);
  });
});
