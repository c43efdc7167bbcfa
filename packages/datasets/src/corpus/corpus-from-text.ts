import { show } from '../validate';

/**
 * Checks that a text can be a corpus and returns it: non-empty, and text rather than binary (no NUL
 * characters). `source` names where it came from in the error message.
 */
export function corpusFromText(text: string, source = 'corpus'): string {
  if (typeof text !== 'string') throw new RangeError(`${source}: expected text, got ${show(text)}`);
  if (text.length === 0) throw new RangeError(`${source}: the corpus is empty; give a non-empty text`);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new RangeError(`${source}: not a text file (a NUL character at offset ${nul}); give a UTF-8 text file`);
  }
  return text;
}

/**
 * Decodes file contents as a corpus: strict UTF-8 (invalid bytes are an error, not replaced), a
 * leading byte-order mark dropped, then the checks of {@link corpusFromText}.
 */
export function corpusFromBytes(bytes: Uint8Array, source = 'corpus'): string {
  if (!(bytes instanceof Uint8Array)) throw new RangeError(`${source}: expected bytes (a Uint8Array)`);
  if (bytes.length === 0) throw new RangeError(`${source}: the file is empty; give a non-empty UTF-8 text file`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new RangeError(`${source}: not a text file (a NUL byte at offset ${nul}); give a UTF-8 text file`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new RangeError(`${source}: not a UTF-8 text file (invalid UTF-8 bytes); give a UTF-8 text file`);
  }
  return corpusFromText(text, source);
}

/**
 * Fetches a corpus over HTTP(S) or from a bundler-provided URL (the browser path; also works in Node
 * 20 with its global fetch), with the checks of {@link corpusFromBytes}.
 *
 * @example
 * // apps serve node_modules/@rnn/datasets/corpora/tinyshakespeare.txt as a static asset
 * const text = await fetchCorpus('/corpora/tinyshakespeare.txt');
 */
export async function fetchCorpus(url: string | URL): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new RangeError(`fetchCorpus: ${String(url)} answered ${response.status} ${response.statusText}`);
  }
  return corpusFromBytes(new Uint8Array(await response.arrayBuffer()), String(url));
}
