import { canonicalJson } from '@rnn/datasets';
import { MarkovModel } from './markov-model';
import { toSmoothing, type Smoothing } from './smoothing/smoothing';
import { trainMarkov } from './train-markov';

/** The `format` field of every saved model: how a reader recognises one. */
export const markovFormat = 'rnn-markov';

/** The format version written by {@link serializeMarkov}; readers refuse others. */
export const markovFormatVersion = 2;

/** The header line of a saved model. */
interface MarkovHeader {
  readonly format: typeof markovFormat;
  readonly version: number;
  readonly order: number;
  readonly smoothing: Smoothing;
  /** Length in bytes of the UTF-8 training text after the header line. */
  readonly textBytes: number;
  /**
   * FNV-1a (32 bit, hex) of the other header fields (as sorted-key JSON), a newline and the text:
   * a one-byte edit anywhere, header or text, changes the model the file rebuilds, so it is refused.
   */
  readonly checksum: string;
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

/** The {@link MarkovHeader.checksum} of a header's other fields and the text's bytes. */
function checksumOf(header: Omit<MarkovHeader, 'checksum'>, text: Uint8Array): string {
  const { format, version, order, smoothing, textBytes } = header;
  const fields = new TextEncoder().encode(`${canonicalJson({ format, version, order, smoothing, textBytes })}\n`);
  const bytes = new Uint8Array(fields.length + text.length);
  bytes.set(fields, 0);
  bytes.set(text, fields.length);
  return fnv1a(bytes);
}

/**
 * The model as bytes: one JSON header line (format, version, order, smoothing, length of the text
 * and a checksum of header and text together), then the training text in UTF-8.
 *
 * Why the text rather than the counts: the counts are a deterministic function of (text, order) and
 * rebuild in a fraction of a second, while storing them would take ~50 times the space (order 10
 * over tinyshakespeare: 1.1 MB of text against ~50 MB of counts), and a format of counts would have
 * to be validated structure by structure. Loading is therefore a rebuild.
 */
export function serializeMarkov(model: MarkovModel): Uint8Array {
  if (!(model instanceof MarkovModel)) throw new RangeError('model must be a MarkovModel');
  const text = new TextEncoder().encode(model.counts.text);
  const fields = {
    format: markovFormat,
    version: markovFormatVersion,
    order: model.order,
    smoothing: model.smoothing,
    textBytes: text.length,
  } as const;
  const header: MarkovHeader = { ...fields, checksum: checksumOf(fields, text) };
  const line = new TextEncoder().encode(`${JSON.stringify(header)}\n`);
  const out = new Uint8Array(line.length + text.length);
  out.set(line, 0);
  out.set(text, line.length);
  return out;
}

const headerFields = ['format', 'version', 'order', 'smoothing', 'textBytes', 'checksum'];

/**
 * Reads a model written by {@link serializeMarkov} (and rebuilds its counts).
 *
 * @param source - where the bytes came from, for error messages (a file path).
 * @throws MarkovFormatError (a RangeError) saying whether the bytes are not a model at all, a
 * version this code does not read, or a damaged (truncated, altered) model, and which header field
 * is at fault.
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
  let header: Partial<Record<keyof MarkovHeader, unknown>>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, newline)));
  } catch {
    throw looksOurs ? corrupt('its header line is not valid JSON') : notOurs();
  }
  if (header === null || typeof header !== 'object' || header.format !== markovFormat) throw notOurs();
  if (header.version === 1) {
    throw new MarkovFormatError(
      `${source} was saved by an older version of @rnn/markov (format version 1, whose header is not checksummed); ` +
        `this version reads version ${markovFormatVersion}: train the model again`,
    );
  }
  if (header.version !== markovFormatVersion) {
    throw new MarkovFormatError(
      `${source} is an @rnn/markov model of format version ${String(header.version)}; this version reads version ${markovFormatVersion}`,
    );
  }
  const unknown = Object.keys(header).find((key) => !headerFields.includes(key));
  if (unknown !== undefined) throw corrupt(`its header has a field "${unknown}" that this version does not write`);
  const body = bytes.subarray(newline + 1);
  const { textBytes, order, checksum } = header;
  if (!Number.isInteger(textBytes) || (textBytes as number) < 1) {
    throw corrupt(`header field textBytes must be an integer >= 1, got ${JSON.stringify(textBytes)}`);
  }
  if (body.length !== textBytes) {
    throw corrupt(`expected ${textBytes} bytes of training text, found ${body.length} (truncated or appended to?)`);
  }
  // A text of n bytes has at most n characters, and the order must leave at least one position to count.
  if (!Number.isInteger(order) || (order as number) < 0 || (order as number) >= body.length) {
    throw corrupt(
      `header field order must be an integer in [0, ${body.length - 1}] for ${body.length} bytes of text, got ${JSON.stringify(order)}`,
    );
  }
  let smoothing: Smoothing;
  try {
    smoothing = toSmoothing(header.smoothing as Smoothing);
  } catch (err) {
    throw corrupt(`header field smoothing: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (typeof checksum !== 'string' || !/^[0-9a-f]{8}$/.test(checksum)) {
    throw corrupt(`header field checksum must be 8 hexadecimal digits, got ${JSON.stringify(checksum)}`);
  }
  // The header's fields as the file gives them: the raw smoothing, not the normalised one, is checksummed.
  const fields: Omit<MarkovHeader, 'checksum'> = {
    format: markovFormat,
    version: markovFormatVersion,
    order: order as number,
    smoothing: header.smoothing as Smoothing,
    textBytes: textBytes as number,
  };
  if (checksumOf(fields, body) !== checksum) {
    throw corrupt('its header or training text does not match its checksum (edited or damaged)');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch (err) {
    throw corrupt(err instanceof Error ? err.message : String(err));
  }
  try {
    return trainMarkov(text, { order: order as number, smoothing });
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
