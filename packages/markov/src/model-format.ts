import { MarkovModel } from './markov-model';
import { toSmoothing, type Smoothing } from './smoothing/smoothing';
import { trainMarkov } from './train-markov';

/** The `format` field of every saved model: how a reader recognises one. */
export const markovFormat = 'rnn-markov';

/** The format version written by {@link serializeMarkov}; readers refuse others. */
export const markovFormatVersion = 1;

/** The header line of a saved model. */
interface MarkovHeader {
  readonly format: typeof markovFormat;
  readonly version: number;
  readonly order: number;
  readonly smoothing: Smoothing;
  /** Length in bytes of the UTF-8 training text after the header line. */
  readonly textBytes: number;
  /** FNV-1a (32 bit, hex) of those bytes. */
  readonly textChecksum: string;
}

/** A saved model that cannot be read: not a model file, another version, or damaged. */
export class MarkovFormatError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'MarkovFormatError';
  }
}

/** Reading past this many bytes without a newline means the file is not ours. */
const maxHeaderBytes = 4096;

/**
 * The model as bytes: one JSON header line (format, version, order, smoothing, length and checksum
 * of the text), then the training text in UTF-8.
 *
 * Why the text rather than the counts: the counts are a deterministic function of (text, order) and
 * rebuild in a fraction of a second, while storing them would take ~50 times the space (order 10
 * over tinyshakespeare: 1.1 MB of text against ~50 MB of counts), and a format of counts would have
 * to be validated structure by structure. Loading is therefore a rebuild.
 */
export function serializeMarkov(model: MarkovModel): Uint8Array {
  if (!(model instanceof MarkovModel)) throw new RangeError('model must be a MarkovModel');
  const text = new TextEncoder().encode(model.counts.text);
  const header: MarkovHeader = {
    format: markovFormat,
    version: markovFormatVersion,
    order: model.order,
    smoothing: model.smoothing,
    textBytes: text.length,
    textChecksum: fnv1a(text),
  };
  const line = new TextEncoder().encode(`${JSON.stringify(header)}\n`);
  const out = new Uint8Array(line.length + text.length);
  out.set(line, 0);
  out.set(text, line.length);
  return out;
}

/**
 * Reads a model written by {@link serializeMarkov} (and rebuilds its counts).
 *
 * @param source - where the bytes came from, for error messages (a file path).
 * @throws MarkovFormatError (a RangeError) saying whether the bytes are not a model at all, a
 * version this code does not read, or a damaged (truncated, altered) model.
 */
export function deserializeMarkov(bytes: Uint8Array, source = 'input'): MarkovModel {
  if (!(bytes instanceof Uint8Array)) throw new RangeError('bytes must be a Uint8Array');
  const notOurs = (): MarkovFormatError =>
    new MarkovFormatError(`${source} is not an @rnn/markov model (expected a "${markovFormat}" header line)`);
  const corrupt = (why: string): MarkovFormatError =>
    new MarkovFormatError(`${source} is a damaged @rnn/markov model: ${why}`);
  // Our header starts with this, so a file that does but fails to parse is ours and damaged.
  const looksOurs = new TextDecoder().decode(bytes.subarray(0, 64)).startsWith(`{"format":"${markovFormat}"`);
  const newline = bytes.subarray(0, maxHeaderBytes).indexOf(0x0a);
  if (newline < 0) throw looksOurs ? corrupt('its header line is cut short') : notOurs();
  let header: Partial<MarkovHeader>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, newline)));
  } catch {
    throw looksOurs ? corrupt('its header line is not valid JSON') : notOurs();
  }
  if (header === null || typeof header !== 'object' || header.format !== markovFormat) throw notOurs();
  if (header.version !== markovFormatVersion) {
    throw new MarkovFormatError(
      `${source} is an @rnn/markov model of format version ${String(header.version)}; this version reads version ${markovFormatVersion}`,
    );
  }
  const body = bytes.subarray(newline + 1);
  if (!Number.isInteger(header.textBytes) || typeof header.textChecksum !== 'string') {
    throw corrupt('its header lacks textBytes or textChecksum');
  }
  if (body.length !== header.textBytes) {
    throw corrupt(
      `expected ${header.textBytes} bytes of training text, found ${body.length} (truncated or appended to?)`,
    );
  }
  if (fnv1a(body) !== header.textChecksum) throw corrupt('the training text does not match its checksum');
  let text: string;
  let smoothing: Smoothing;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    smoothing = toSmoothing(header.smoothing as Smoothing);
  } catch (err) {
    throw corrupt(err instanceof Error ? err.message : String(err));
  }
  try {
    return trainMarkov(text, { order: header.order as number, smoothing });
  } catch (err) {
    throw corrupt(err instanceof Error ? err.message : String(err));
  }
}

/** FNV-1a, 32 bit, as 8 hex digits: enough to catch a damaged file (not a defence against forgery). */
function fnv1a(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i];
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
