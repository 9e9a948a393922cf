import { Command, Option } from 'commander';
import { addConnectionFlags } from '../connection-flags.js';
import { loadLive } from '../load-live.js';
import type { Terminal } from '../terminal.js';
import type { VerifyFlags } from '../live/verify.js';

/** The public image the verify pods run by default: it has sh, find, xargs, stat, readlink and sha256sum. */
export const defaultVerifyImage = 'busybox:1.37.0';

export function verifyCommand(terminal: Terminal): Command {
  const command = new Command('verify')
    .description('prove a clone holds its source\'s data: short-lived pods mount both read-only and compare every file (type, size, mode, owner, link target, SHA-256), or a Block device\'s bytes')
    .argument('<source>', 'the source claim')
    .argument('<clone>', 'the clone claim')
    .option('--to-namespace <ns>', "the clone's namespace (default: the source's)")
    .option('--to-context <name>', "the kubeconfig context the clone lives in (default: --context's)")
    .option('--snapshot <name>', "compare with this VolumeSnapshot of the source (in the source's namespace) instead of the live source: for a source still written to; a temporary claim is restored from it and deleted at the end")
    .option('--image <image>', 'the image of the verify pods (needs sh, find, xargs, stat, readlink, sha256sum, blockdev, head)', defaultVerifyImage)
    .option('--timeout <duration>', 'how long the verify pods may take to start, e.g. 2m', '2m')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', `
Examples:
  kubectl clone verify data data-clone -n shop
  kubectl clone verify data data -n shop --to-namespace staging
  kubectl clone verify data data -n shop --to-context backup-cluster -o json
  kubectl clone verify data data-clone -n shop --snapshot data-clone-snapshot   # as of the kept snapshot

Exit codes: 0 identical, 1 different, 2 the verify failed (nothing could be compared).`);
  addConnectionFlags(command);
  return command.action(async (source: string, clone: string, flags: VerifyFlags) => {
    terminal.exitCode = await (await loadLive()).runVerifyCommand(source, clone, flags, terminal);
  });
}
