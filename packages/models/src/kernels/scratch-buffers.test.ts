import { idleScratchBytes, returnScratch, takeScratchToOverwrite } from './scratch-buffers';

describe('scratch buffers', () => {
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
    const buffer = takeScratchToOverwrite(333);
    returnScratch(buffer, buffer);
    const a = takeScratchToOverwrite(333);
    const b = takeScratchToOverwrite(333);
    expect(a).toBe(buffer);
    expect(b).not.toBe(buffer);
  });

  it('never reuses a view into a larger buffer', () => {
    const whole = new Float32Array(64);
    returnScratch(whole.subarray(0, 32));
    expect(takeScratchToOverwrite(32).buffer).not.toBe(whole.buffer);
  });

  it('lets go of the least recently returned sizes beyond its limit', () => {
    const before = idleScratchBytes();
    const big = 20 * 1024 * 1024; // 80 MB each
    const buffers = Array.from({ length: 4 }, () => takeScratchToOverwrite(big));
    returnScratch(...buffers);
    expect(idleScratchBytes()).toBeLessThanOrEqual(256 * 1024 * 1024);
    expect(idleScratchBytes()).toBeGreaterThan(before);
    // Three fit under the limit; the first returned went.
    expect(takeScratchToOverwrite(big)).toBe(buffers[3]);
  });
});
