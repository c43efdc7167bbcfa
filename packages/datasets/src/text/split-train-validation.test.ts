import { splitIdsTrainValidation, splitTrainValidation, trainLength } from './split-train-validation';

describe('splitTrainValidation', () => {
  it('holds out the last floor(count * fraction) characters, 10% by default', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz'; // 26 characters -> 2 held out
    expect(splitTrainValidation(text)).toEqual({ train: text.slice(0, 24), validation: 'yz' });
    expect(splitTrainValidation(text, { validationFraction: 0.5 })).toEqual({
      train: text.slice(0, 13),
      validation: text.slice(13),
    });
    expect(splitTrainValidation(text, { validationFraction: 0 })).toEqual({ train: text, validation: '' });
    expect(trainLength(1115394)).toBe(1115394 - 111539);
  });

  it('cuts at the same character for a string and its ids, astral characters included', () => {
    const text = 'a😀b😀c😀d😀e😀'; // 10 code points, 15 UTF-16 units
    const { train, validation } = splitTrainValidation(text, { validationFraction: 0.3 });
    expect(validation).toBe('😀e😀'); // the last 3 of 10 characters
    expect(train + validation).toBe(text);
    const ids = Int32Array.from([...text].map((c) => c.codePointAt(0) as number));
    const parts = splitIdsTrainValidation(ids, { validationFraction: 0.3 });
    expect(String.fromCodePoint(...parts.validation)).toBe(validation);
    expect(parts.train.buffer).toBe(ids.buffer);
  });

  it('rejects a fraction outside [0, 1)', () => {
    expect(() => splitTrainValidation('abc', { validationFraction: 1 })).toThrow(
      'splitTrainValidation: validationFraction must be a finite number in [0, 1), got 1',
    );
    expect(() => splitTrainValidation('abc', { validationFraction: -0.1 })).toThrow(RangeError);
    expect(() => splitTrainValidation('abc', { fraction: 0.1 } as never)).toThrow(/unknown option "fraction"/);
  });
});
