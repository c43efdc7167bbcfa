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
      version: 2,
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
    const newer = new TextDecoder().decode(bytes).replace('"version":2', '"version":3');
    expectError(new TextEncoder().encode(newer), /format version 3; this version reads version 2/);
    expectError(bytes.subarray(0, bytes.length - 5), /damaged .*expected \d+ bytes of training text, found \d+/);
    expectError(bytes.subarray(0, 30), /damaged .*header line is cut short/);
    const flipped = bytes.slice();
    flipped[flipped.length - 3] ^= 0x01;
    expectError(flipped, /damaged .*checksum/);
    const badOrder = new TextDecoder().decode(bytes).replace('"order":2', '"order":-4');
    expectError(new TextEncoder().encode(badOrder), /damaged .*header field order must be an integer in \[0, \d+\]/);
    // A MarkovFormatError is a RangeError, so the CLI reports it as a usage error (exit 2).
    expect(() => deserializeMarkov(flipped)).toThrow(RangeError);
  });

  describe('the checksum covers the header too: a one-byte edit of it is refused', () => {
    /** The model's bytes with `from` replaced by `to` in the header line (which must hold `from`). */
    const edited = (bytes: Uint8Array, from: string, to: string): Uint8Array => {
      const text = new TextDecoder().decode(bytes);
      const end = text.indexOf('\n');
      expect(text.slice(0, end)).toContain(from);
      return new TextEncoder().encode(text.slice(0, end).replace(from, to) + text.slice(end));
    };
    const expectRefused = (bytes: Uint8Array, message: RegExp): void => {
      expect(() => deserializeMarkov(bytes, 'model.markov')).toThrow(MarkovFormatError);
      expect(() => deserializeMarkov(bytes, 'model.markov')).toThrow(message);
    };
    const checksum =
      /^model\.markov is a damaged @rnn\/markov model: its header or training text does not match its checksum/;

    it.each<[string, Parameters<typeof trainMarkov>[1], string, string]>([
      ['order 3 -> 7', { order: 3 }, '"order":3', '"order":7'],
      ['smoothing -> mle', { order: 3 }, '"kind":"kneser-ney"', '"kind":"mle"'],
      ['add-k -> mle', { order: 2, smoothing: 'add-k', k: 0.25 }, '"kind":"add-k"', '"kind":"mle"'],
      ['k -> 1e300', { order: 2, smoothing: 'add-k', k: 0.25 }, '"k":0.25', '"k":1e300'],
      ['k 0.25 -> 0.35', { order: 2, smoothing: 'add-k', k: 0.25 }, '"k":0.25', '"k":0.35'],
    ])('%s', (_, options, from, to) => {
      const bytes = serializeMarkov(trainMarkov(training, options));
      expectRefused(edited(bytes, from, to), checksum);
    });

    it('order 19999: out of range for a short text, refused by the checksum for a long one', () => {
      const short = serializeMarkov(trainMarkov(training, { order: 3 }));
      expectRefused(
        edited(short, '"order":3', '"order":19999'),
        /damaged .*header field order must be an integer in \[0, \d+\] for \d+ bytes of text, got 19999$/,
      );
      const long = serializeMarkov(trainMarkov(training.repeat(250), { order: 3 }));
      expectRefused(edited(long, '"order":3', '"order":19999'), checksum);
    });

    it('names the header field at fault', () => {
      const bytes = serializeMarkov(trainMarkov(training, { order: 2, smoothing: 'add-k', k: 0.25 }));
      expectRefused(edited(bytes, '"k":0.25', '"k":-1'), /header field smoothing: k must be a finite number > 0/);
      expectRefused(
        edited(bytes, '"kind":"add-k"', '"kind":"witten-bell"'),
        /header field smoothing: smoothing must be one of/,
      );
      expectRefused(edited(bytes, '"order":2', '"order":2.5'), /header field order must be an integer/);
      expectRefused(
        edited(bytes, '"checksum":"', '"checksum":"x'),
        /header field checksum must be 8 hexadecimal digits/,
      );
      expectRefused(edited(bytes, '"order":2', '"order":2,"extra":1'), /its header has a field "extra"/);
      expectRefused(
        edited(bytes, '"textBytes":', '"textBytes":-'),
        /header field textBytes must be an integer >= 1, got -\d+/,
      );
    });

    it('a file of format version 1 is refused as from an older version', () => {
      const old = new TextEncoder().encode(
        `${JSON.stringify({ format: 'rnn-markov', version: 1, order: 1, smoothing: { kind: 'mle' }, textBytes: 3, textChecksum: '00000000' })}\nabc`,
      );
      expectRefused(
        old,
        /^model\.markov was saved by an older version of @rnn\/markov \(format version 1.*train the model again$/,
      );
    });

    it('the same header with its fields in another order still loads', () => {
      const model = trainMarkov(training, { order: 2, smoothing: 'add-k', k: 0.25 });
      const text = new TextDecoder().decode(serializeMarkov(model));
      const end = text.indexOf('\n');
      const header = JSON.parse(text.slice(0, end));
      const reordered = {
        format: header.format,
        ...Object.fromEntries(Object.entries(header).reverse()),
        smoothing: { k: 0.25, kind: 'add-k' },
      };
      const copy = deserializeMarkov(new TextEncoder().encode(JSON.stringify(reordered) + text.slice(end)));
      expect(copy.bitsPerChar('it was the age')).toBe(model.bitsPerChar('it was the age'));
    });
  });
});
