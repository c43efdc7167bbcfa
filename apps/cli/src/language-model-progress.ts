import { SingleBar } from 'cli-progress';
import type { LanguageModelEpochRecord, LanguageModelStepProgress } from '@rnn/training';
import type { CliIo } from './cli-io';

/** What `rnn train` reports while a language model trains. */
export interface LanguageModelProgress {
  step(progress: LanguageModelStepProgress): void;
  /** An epoch's record (or the part of one a stop cut short). */
  record(record: LanguageModelEpochRecord): void;
  stop(): void;
}

/**
 * One progress bar over all the planned steps (loss, characters/s, ETA) on stderr when it is a
 * terminal, and one line per epoch with the validation bits per character; nothing when piped.
 */
export function languageModelProgress(io: CliIo): LanguageModelProgress {
  if (!io.stderr.isTTY) return { step: () => undefined, record: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format:
      'epoch {epoch} [{bar}] {percentage}% | step {value}/{total} | loss {loss} | {speed} chars/s | ETA {eta_formatted}',
    stream: io.stderr as NodeJS.WritableStream,
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  return {
    step(p) {
      const payload = { epoch: p.epoch, loss: p.loss.toFixed(4), speed: Math.round(p.charsPerSecond) };
      if (!started) {
        bar.start(p.steps, p.step, payload);
        started = true;
      }
      bar.update(p.step, payload);
    },
    record(r) {
      if (started) bar.stop();
      started = false;
      const validation =
        r.validationBitsPerChar !== undefined ? `, validation ${r.validationBitsPerChar.toFixed(3)} bits/char` : '';
      io.stderr.write(
        `epoch ${r.epoch}${r.partial ? ' (stopped early)' : ''}: loss ${r.loss.toFixed(4)} nats${validation} ` +
          `(${r.seconds.toFixed(1)} s)\n`,
      );
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
