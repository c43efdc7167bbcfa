// The training worker: the packages run here, off the page's thread, so the page stays responsive
// while a model trains. It only relays messages to a PlaygroundSession.
import { fetchCorpus } from '@rnn/datasets';
import { corpusUrls } from './corpus-urls';
import type { PlaygroundReply, PlaygroundRequest } from './protocol';
import { PlaygroundSession } from './playground-session';
import { wasmPaths } from './wasm-paths';

/** The parts of a dedicated worker's global scope this file uses (the DOM typings describe a window). */
interface WorkerScope {
  postMessage(message: PlaygroundReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PlaygroundRequest>) => void): void;
}

/** A shipped corpus from the page's own assets. */
function loadCorpus(name: string): Promise<string> {
  const url = Object.hasOwn(corpusUrls, name) ? corpusUrls[name] : undefined;
  if (url === undefined) {
    return Promise.reject(
      new RangeError(`corpus must be one of ${Object.keys(corpusUrls).join(', ')}, got ${JSON.stringify(name)}`),
    );
  }
  return fetchCorpus(new URL(url, self.location.href));
}

const scope = self as unknown as WorkerScope;
const session = new PlaygroundSession((reply) => scope.postMessage(reply), { wasmPaths, loadCorpus });
// Requests that arrive before the backend is ready wait for it; later ones go straight in, so a
// pause reaches a run in progress at its next epoch (a language model's, after its next step).
const started = session.start();
scope.addEventListener('message', (event) => {
  void started.then(() => session.handle(event.data));
});
