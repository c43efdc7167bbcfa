import { idleScratchBytes, returnScratch, takeScratch, takeScratchToOverwrite } from './scratch-buffers';

describe('scratch buffers', () => {
  it('reuses a returned buffer of the same length, zero-filled', () => {
    const first = takeScratch(1000);
    first.fill(7);
    returnScratch(first);
    const again = takeScratch(1000);
    expect(again).toBe(first);
    expect(again.every((v) => v === 0)).toBe(true);
    expect(takeScratch(1000)).not.toBe(first);
  });

  it('hands a buffer to be overwritten back as its last user left it', () => {
    const first = takeScratchToOverwrite(999);
    first.fill(7);
    returnScratch(first);
    const again = takeScratchToOverwrite(999);
    expect(again).toBe(first);
    expect(again.every((v) => v === 7)).toBe(true);
    expect(takeScratchToOverwrite(999)).not.toBe(first);
  });

  it('hands a buffer returned twice to one taker only', () => {
    const buffer = takeScratch(333);
    returnScratch(buffer, buffer);
    const a = takeScratch(333);
    const b = takeScratch(333);
    expect(a).toBe(buffer);
    expect(b).not.toBe(buffer);
  });

  it('never reuses a view into a larger buffer', () => {
    const whole = new Float32Array(64);
    returnScratch(whole.subarray(0, 32));
    expect(takeScratch(32).buffer).not.toBe(whole.buffer);
  });

  it('lets go of the least recently returned sizes beyond its limit', () => {
    const before = idleScratchBytes();
    const big = 20 * 1024 * 1024; // 80 MB each
    const buffers = Array.from({ length: 4 }, () => takeScratch(big));
    returnScratch(...buffers);
    expect(idleScratchBytes()).toBeLessThanOrEqual(256 * 1024 * 1024);
    expect(idleScratchBytes()).toBeGreaterThan(before);
    // Three fit under the limit; the first returned went.
    expect(takeScratch(big)).toBe(buffers[3]);
  });
});
