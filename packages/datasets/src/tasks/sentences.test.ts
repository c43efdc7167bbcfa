import { expectConsistent } from './check-dataset.testing';
import { sentencesTask } from './sentences';

describe('sentencesTask', () => {
  it('pads the source sentences with spaces and pairs each character with the next', () => {
    const d = sentencesTask();
    expect(d.inputs.shape).toEqual([3, 14]);
    expect(d.decode(0)).toEqual({ input: 'hey how are yo', target: 'ey how are you', length: 14 });
    expect(d.decode(1)).toEqual({ input: 'good i am fine', target: 'ood i am fine ', length: 14 });
    expect(d.decode(2)).toEqual({ input: 'have a nice da', target: 'ave a nice day', length: 14 });
    // The source's 17 characters, plus the reserved id 0.
    expect(d.vocabulary?.size).toBe(18);
    expect(d.typology).toBe('lm');
    expectConsistent(d);
  });

  it('takes other sentences', () => {
    const d = sentencesTask({ sentences: ['ab', 'abcd'] });
    expect(d.decode(0)).toEqual({ input: 'ab ', target: 'b  ', length: 3 });
  });

  it('rejects bad sentences', () => {
    expect(() => sentencesTask({ sentences: [] })).toThrow(/sentences must be a non-empty list/);
    expect(() => sentencesTask({ sentences: ['a'] })).toThrow(/at least 2 characters/);
    expect(() => sentencesTask({ sentences: ['ok', ''] })).toThrow(/sentences\[1\] must be a non-empty string/);
  });
});
