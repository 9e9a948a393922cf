// Runs INSIDE the real VS Code extension host (code-server), started by test/run-vscode-tests.ts
// through the workbench's `payload` (extensionDevelopmentPath + extensionTestsPath). The same
// `run()` is what @vscode/test-electron calls where desktop VS Code can be downloaded.
import Mocha from 'mocha';
import { defineSuite } from './suite.js';

/** One plain line per test: the page console (where the runner reads it) shows no printf formats. */
class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    runner.on('pass', (test) => console.log(`TEST ✓ ${test.fullTitle()} (${test.duration ?? 0} ms)`));
    runner.on('fail', (test, error: Error) => console.log(`TEST ✗ ${test.fullTitle()}: ${error.message}\n${error.stack ?? ''}`));
  }
}

export function run(): Promise<void> {
  // KUBECTL_CLONE_TEST_GREP (from the runner's environment, which the extension host inherits): run only matching tests
  const grep = process.env.KUBECTL_CLONE_TEST_GREP;
  const mocha = new Mocha({ ui: 'tdd', timeout: 180_000, color: false, reporter: LineReporter, ...(grep ? { grep } : {}) });
  mocha.suite.emit('pre-require', globalThis, 'kubectl-clone integration', mocha);
  defineSuite();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(`INTEGRATION-RESULT ${mocha.suite.total() - failures} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
