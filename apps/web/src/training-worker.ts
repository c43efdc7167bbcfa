// The training worker: the packages run here, off the page's thread, so the page stays responsive
// while a model trains. It only relays messages to a PlaygroundSession.
import type { PlaygroundReply, PlaygroundRequest } from './protocol';
import { PlaygroundSession } from './playground-session';
import { wasmPaths } from './wasm-paths';

/** The parts of a dedicated worker's global scope this file uses (the DOM typings describe a window). */
interface WorkerScope {
  postMessage(message: PlaygroundReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PlaygroundRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
const session = new PlaygroundSession((reply) => scope.postMessage(reply), { wasmPaths });
// Requests that arrive before the backend is ready wait for it; later ones go straight in, so a
// pause reaches a run in progress at its next epoch.
const started = session.start();
scope.addEventListener('message', (event) => {
  void started.then(() => session.handle(event.data));
});
