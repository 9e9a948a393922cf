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
const terminal = processTerminal(interrupt.signal);
run(process.argv.slice(2), terminal).then((code) => {
  process.exitCode = interrupt.signal.aborted && code === 0 ? 130 : code;
  // an open watch or socket must not keep a finished command alive, but what is written to a
  // pipe must all get out first: exit once stdout and stderr have flushed
  process.stdout.write('', () => process.stderr.write('', () => process.exit(process.exitCode)));
});
