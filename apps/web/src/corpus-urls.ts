// The shipped corpora, emitted by the bundler as assets, so the page serves them itself and works
// offline once loaded: the worker fetches one when a character model is trained.
import tinyshakespeare from '@rnn/datasets/corpora/tinyshakespeare.txt?url';

/** Corpus name (as `rnn train --corpus` names it) to bundled URL. */
export const corpusUrls: Readonly<Record<string, string>> = { tinyshakespeare };
