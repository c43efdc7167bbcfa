import { maskFromLengths } from './mask-from-lengths';
import { padSequences } from './pad-sequences';

describe('padSequences', () => {
  it('pads with 0 after each sequence, with lengths and masks that agree', () => {
    const p = padSequences([[5, 6, 7], [8], []]);
    expect(p.ids.shape).toEqual([3, 3]);
    expect(Array.from(p.ids.data)).toEqual([5, 6, 7, 8, 0, 0, 0, 0, 0]);
    expect(Array.from(p.lengths)).toEqual([3, 1, 0]);
    expect(Array.from(p.mask.data)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('appends the stop symbol as a real step', () => {
    const p = padSequences([[5, 6], [7]], { appendStop: true, steps: 4 });
    expect(Array.from(p.ids.data)).toEqual([5, 6, 0, 0, 7, 0, 0, 0]);
    expect(Array.from(p.lengths)).toEqual([3, 2]);
    expect(Array.from(p.mask.data)).toEqual([1, 1, 1, 0, 1, 1, 0, 0]);
  });

  it('never truncates', () => {
    expect(() => padSequences([[1, 2, 3]], { steps: 2 })).toThrow(
      'padSequences: steps must be >= the longest sequence (3), got 2',
    );
    expect(() => padSequences([[1, -2]])).toThrow('padSequences: sequences[0][1] must be an integer >= 0, got -2');
  });
});

describe('maskFromLengths', () => {
  it('marks t < length', () => {
    expect(Array.from(maskFromLengths([2, 0, 3], 3).data)).toEqual([1, 1, 0, 0, 0, 0, 1, 1, 1]);
    expect(() => maskFromLengths([4], 3)).toThrow('maskFromLengths: lengths[0] must be an integer in [0, 3], got 4');
  });
});
