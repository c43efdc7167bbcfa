import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TourProgress, TourStop, TourStopResult } from '@rnn/training';
import type { LaneReply, LaneRequest } from './tour-worker';
import { UsageError } from './usage-error';

/** What {@link runInLanes} needs besides the stops. */
export interface LanesOptions {
  /** How many stops train at once, each in a process of its own. */
  readonly jobs: number;
  readonly seed: string;
  readonly corpus?: string;
  readonly backend?: string;
  readonly onProgress?: (index: number, lane: number, progress: TourProgress) => void;
  /** Called as each stop finishes, in the order they finish. */
  readonly onResult?: (index: number, result: TourStopResult) => void;
}

/**
 * How a lane is started: from the TypeScript sources (inside the repository, and in tests) through
 * tsx with the workspace packages' source condition, from dist/ as plain JavaScript.
 */
function laneProcess(): ChildProcess {
  const fromSources = path.extname(__filename) === '.ts';
  const worker = path.join(__dirname, `tour-worker${fromSources ? '.ts' : '.js'}`);
  const execArgv = fromSources
    ? ['--conditions=@rnn/source', '--import', pathToFileURL(require.resolve('tsx')).href]
    : [];
  return fork(worker, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

/**
 * Trains the stops in `jobs` processes at once, each taking the next stop in the tour's order when
 * it is free; the machine's cores then share the tour. Resolves with the results in the tour's
 * order. A stop that fails stops every lane and rejects with its message (a usage error when the
 * stop's settings were refused).
 */
export function runInLanes(stops: readonly TourStop[], options: LanesOptions): Promise<TourStopResult[]> {
  const results: TourStopResult[] = new Array(stops.length);
  const lanes: ChildProcess[] = [];
  let next = 0;
  let done = 0;
  return new Promise<TourStopResult[]>((resolve, reject) => {
    let failed = false;
    // Lanes with a stop in training: a lane that ends while it has one has failed.
    const busy = new Set<ChildProcess>();
    const stopAll = () => {
      busy.clear();
      for (const lane of lanes) if (lane.connected) lane.disconnect();
    };
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      stopAll();
      reject(err);
    };
    const feed = (lane: ChildProcess) => {
      if (next >= stops.length) {
        busy.delete(lane);
        lane.disconnect();
        return;
      }
      busy.add(lane);
      const index = next++;
      const request: LaneRequest = {
        type: 'run',
        index,
        stop: stops[index],
        seed: options.seed,
        ...(options.corpus !== undefined ? { corpus: options.corpus } : {}),
        ...(options.backend !== undefined ? { backend: options.backend } : {}),
      };
      lane.send(request);
    };
    const count = Math.min(options.jobs, stops.length);
    for (let laneIndex = 0; laneIndex < count; laneIndex++) {
      const lane = laneProcess();
      lanes.push(lane);
      lane.on('message', (reply: LaneReply) => {
        if (reply.type === 'progress') {
          options.onProgress?.(reply.index, laneIndex, { fraction: reply.fraction, loss: reply.loss });
        } else if (reply.type === 'result') {
          results[reply.index] = reply.result;
          options.onResult?.(reply.index, reply.result);
          if (++done === stops.length) {
            // Every lane is let go, the one that finished last too: an open channel keeps the tour alive.
            stopAll();
            resolve(results);
          } else feed(lane);
        } else {
          fail(
            reply.usage ? new UsageError(reply.message) : new Error(`${stops[reply.index].recipe}: ${reply.message}`),
          );
        }
      });
      lane.on('error', (err) => fail(new Error(`a tour lane could not run: ${err.message}`)));
      lane.on('exit', (code, signal) => {
        if (busy.has(lane) && !failed) fail(new Error(`a tour lane stopped (${signal ?? `exit ${code}`})`));
      });
      feed(lane);
    }
  });
}
