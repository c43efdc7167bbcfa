import { SingleBar } from 'cli-progress';
import type { BatchProgress, EpochRecord } from '@rnn/training';
import type { CliIo } from './cli-io';

/** What `rnn train` reports while it trains. */
export interface TrainingProgress {
  batch(progress: BatchProgress): void;
  epoch(record: EpochRecord, epochs: number): void;
  stop(): void;
}

/**
 * A progress bar (loss, tokens/s, ETA) on stderr, only when stderr is a terminal: piped or captured
 * output stays clean, and stdout never carries progress.
 */
export function trainingProgress(io: CliIo): TrainingProgress {
  if (!io.stderr.isTTY) return { batch: () => undefined, epoch: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: 'epoch {epoch} [{bar}] {percentage}% | loss {loss} | {speed} tokens/s | ETA {eta_formatted}',
    stream: io.stderr as NodeJS.WritableStream,
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  return {
    batch(p) {
      const payload = { epoch: p.epoch, loss: p.loss.toFixed(4), speed: Math.round(p.tokensPerSecond) };
      if (!started || p.batch === 1) {
        if (started) bar.stop();
        bar.start(p.batches, 0, payload);
        started = true;
      }
      bar.update(p.batch, payload);
    },
    epoch(record, epochs) {
      bar.stop();
      started = false;
      const validation = record.validation ? `, validation loss ${record.validation.loss.toFixed(4)}` : '';
      io.stderr.write(
        `epoch ${record.epoch}/${epochs}: loss ${record.loss.toFixed(4)}${validation} (${record.seconds.toFixed(1)} s)\n`,
      );
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
