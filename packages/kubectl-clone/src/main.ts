import { run } from './program.js';
import { processTerminal } from './terminal.js';
import { mark, startTrace } from './trace.js';

startTrace();
mark('entry loaded');

// The first Ctrl-C asks the running command to stop and report what exists; a second one quits.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});
// A reader that stops reading (`kubectl clone check --help | head`) closes our stdout: end at
// once and quietly, as kubectl does when SIGPIPE kills it (exit 141 = 128 + SIGPIPE).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 141 : 2));
}
const terminal = processTerminal(interrupt.signal);
const flushed = (stream: NodeJS.WriteStream) => new Promise<boolean>((resolve) => stream.write('', (error) => resolve(!error)));
void run(process.argv.slice(2), terminal).then(async (code) => {
  process.exitCode = interrupt.signal.aborted && code === 0 ? 130 : code;
  // an open watch or socket must not keep a finished command alive, but what is written to a
  // pipe must all get out first: exit once stdout and stderr have flushed (a stream that could
  // not take it was closed by its reader: the same quiet 141 as above)
  const delivered = (await flushed(process.stdout)) && (await flushed(process.stderr));
  process.exit(delivered ? process.exitCode : 141);
});
