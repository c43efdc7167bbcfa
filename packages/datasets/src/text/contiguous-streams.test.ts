import { contiguousStreams } from './contiguous-streams';

describe('ContiguousStreams', () => {
  const ids = Int32Array.from({ length: 25 }, (_, i) => i);

  it('continues every row exactly where the previous batch left it', () => {
    const streams = contiguousStreams(ids, { batchSize: 2, length: 4 });
    expect(streams.streamLength).toBe(12);
    expect(streams.count).toBe(3);
    const rows = (k: number) => Array.from(streams.batch(k).inputs.data);
    expect(rows(0)).toEqual([0, 1, 2, 3, 12, 13, 14, 15]);
    expect(rows(1)).toEqual([4, 5, 6, 7, 16, 17, 18, 19]);
    expect(Array.from(streams.batch(2).targets.data)).toEqual([9, 10, 11, 12, 21, 22, 23, 24]);
  });

  it('reads every training character once per pass, targets shifted by one', () => {
    const streams = contiguousStreams(ids, { batchSize: 3, length: 2 });
    const seen: number[] = [];
    for (let k = 0; k < streams.count; k++) {
      const b = streams.batch(k);
      b.inputs.data.forEach((x, i) => expect(b.targets.data[i]).toBe(x + 1));
      seen.push(...b.inputs.data);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(streams.count * 3 * 2);
  });

  it('says what is wrong with a text too short or a bad index', () => {
    expect(() => contiguousStreams(ids, { batchSize: 8, length: 4 })).toThrow(
      /25 characters cannot fill one batch of 8 streams x 4; need at least 33/,
    );
    expect(() => contiguousStreams(ids, { batchSize: 0, length: 4 })).toThrow(/batchSize must be an integer/);
    expect(() => contiguousStreams(ids, { batchSize: 2, length: 4 }).batch(3)).toThrow(/in \[0, 2\], got 3/);
  });
});
