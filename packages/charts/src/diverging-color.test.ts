import { divergingColor, missingColor, negativeColor, positiveColor, zeroColor } from './diverging-color';

describe('divergingColor', () => {
  it('is blue at -limit, white at 0, red at +limit, and clamps beyond', () => {
    expect(divergingColor(-2, 2)).toBe(negativeColor);
    expect(divergingColor(0, 2)).toBe(zeroColor);
    expect(divergingColor(-0, 2)).toBe(zeroColor);
    expect(divergingColor(2, 2)).toBe(positiveColor);
    expect(divergingColor(50, 2)).toBe(positiveColor);
    expect(divergingColor(-50, 2)).toBe(negativeColor);
  });

  it('blends in between: bluish below 0, reddish above', () => {
    const [r1, g1, b1] = [1, 3, 5].map((i) => parseInt(divergingColor(-1, 2).slice(i, i + 2), 16));
    expect(b1).toBeGreaterThan(r1);
    expect(g1).toBeLessThan(255);
    const [r2, , b2] = [1, 3, 5].map((i) => parseInt(divergingColor(1, 2).slice(i, i + 2), 16));
    expect(r2).toBeGreaterThan(b2);
  });

  it('greys out NaN and infinities, and refuses a limit that is not a positive number', () => {
    expect(divergingColor(NaN, 1)).toBe(missingColor);
    expect(divergingColor(Infinity, 1)).toBe(missingColor);
    expect(() => divergingColor(1, 0)).toThrow(RangeError);
    expect(() => divergingColor(1, NaN)).toThrow(/limit must be a finite number > 0/);
  });
});
