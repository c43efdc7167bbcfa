import { runCli } from './run-cli';

// Started by bin/rnn.js, the command has an IPC channel to it: the channel closes when the launcher
// dies, however it dies (kill -9 included), and the command must not run on without it. The channel
// carries nothing else and must not keep the command alive when its work is done.
if (process.channel) {
  process.on('disconnect', () => {
    process.stderr.write('rnn: the rnn launcher has gone; stopping\n');
    process.exit(1);
  });
  process.channel.unref();
}

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
