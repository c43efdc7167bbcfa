import { MarkovFormatError, deserializeMarkov, serializeMarkov } from './model-format';
import { trainMarkov } from './train-markov';

const training = 'It was the best of times, it was the worst of times — déjà vu 🙂, it was the age of wisdom.';

describe('serializeMarkov / deserializeMarkov', () => {
  it('round-trips order, smoothing and every probability', () => {
    for (const smoothing of [{ kind: 'mle' }, { kind: 'add-k', k: 0.25 }, { kind: 'kneser-ney' }] as const) {
      const model = trainMarkov(training, { order: 3, smoothing });
      const copy = deserializeMarkov(serializeMarkov(model));
      expect(copy.order).toBe(3);
      expect(copy.smoothing).toEqual(smoothing);
      expect(copy.alphabet).toEqual(model.alphabet);
      for (const context of ['', 'it was', 'zzz', 'vu 🙂']) {
        expect(Array.from(copy.distribution(context))).toEqual(Array.from(model.distribution(context)));
      }
      expect(copy.bitsPerChar('it was the age of times')).toBe(model.bitsPerChar('it was the age of times'));
    }
  });

  it('writes a header line then the training text', () => {
    const bytes = serializeMarkov(trainMarkov(training, { order: 2, smoothing: 'add-k', k: 0.5 }));
    const text = new TextDecoder().decode(bytes);
    const [header, ...rest] = text.split('\n');
    expect(JSON.parse(header)).toMatchObject({
      format: 'rnn-markov',
      version: 1,
      order: 2,
      smoothing: { kind: 'add-k', k: 0.5 },
    });
    expect(rest.join('\n')).toBe(training);
  });

  it('says clearly when bytes are foreign, of another version, or damaged', () => {
    const bytes = serializeMarkov(trainMarkov(training, { order: 2 }));
    const expectError = (input: Uint8Array, message: RegExp): void => {
      expect(() => deserializeMarkov(input, 'model.bin')).toThrow(MarkovFormatError);
      expect(() => deserializeMarkov(input, 'model.bin')).toThrow(message);
    };
    expectError(new TextEncoder().encode('hello world, not a model'), /model\.bin is not an @rnn\/markov model/);
    expectError(
      new TextEncoder().encode('{"format":"rnn-vocabulary","version":1}\nabc'),
      /is not an @rnn\/markov model/,
    );
    expectError(new Uint8Array([0xff, 0xfe, 0x00, 0x0a, 0x01]), /is not an @rnn\/markov model/);
    expectError(new Uint8Array(10000), /is not an @rnn\/markov model/);
    const newer = new TextDecoder().decode(bytes).replace('"version":1', '"version":2');
    expectError(new TextEncoder().encode(newer), /format version 2; this version reads version 1/);
    expectError(bytes.subarray(0, bytes.length - 5), /damaged .*expected \d+ bytes of training text, found \d+/);
    expectError(bytes.subarray(0, 30), /damaged .*header line is cut short/);
    const flipped = bytes.slice();
    flipped[flipped.length - 3] ^= 0x01;
    expectError(flipped, /damaged .*checksum/);
    const badOrder = new TextDecoder().decode(bytes).replace('"order":2', '"order":-4');
    expectError(new TextEncoder().encode(badOrder), /damaged .*order must be an integer >= 0/);
    // A MarkovFormatError is a RangeError, so the CLI reports it as a usage error (exit 2).
    expect(() => deserializeMarkov(flipped)).toThrow(RangeError);
  });
});
