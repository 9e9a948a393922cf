import { run } from './program.js';
import { processTerminal } from './terminal.js';

const terminal = processTerminal();
run(process.argv.slice(2), terminal).then((code) => {
  process.exitCode = code;
});
