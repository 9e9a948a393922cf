import { Command, Option } from 'commander';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags.js';
import { loadLive } from '../load-live.js';
import { addProfileFlags } from '../profile-flags.js';
import { CliError } from '../errors.js';
import type { WorkloadFlags } from '../flags/workload-types.js';
import { collect } from './repeatable.js';
import type { Terminal } from '../terminal.js';

export function workloadCommand(terminal: Terminal): Command {
  const command = new Command('workload')
    .description('clone every claim a Deployment, StatefulSet (each replica\'s) or Pod mounts, and emit a copy of it that mounts the clones')
    .argument('<workload>', 'deploy/NAME, sts/NAME or pod/NAME')
    .option('--suffix <suffix>', 'appended to the workload, its selector labels and the claims', '-clone')
    .option('--apply', 'create the copy (default: print it as YAML)')
    .addOption(new Option('--strategy <strategy>', 'how each claim is copied').choices(['auto', 'clone', 'snapshot', 'copy']).default('auto'))
    .option('--keep-snapshot', 'keep the temporary VolumeSnapshots of the snapshot strategy')
    .option('--ttl <duration>', 'a time to live for the cloned claims, e.g. 7d')
    .option('--label <key=value>', 'label for the clones (repeatable)', collect, [])
    .addOption(new Option('-l, --selector <selector>', 'not a workload flag: -l selects in kubectl').hideHelp().argParser(() => { throw new CliError('-l/--selector selects claims (kubectl clone list, prune); to label the clones use --label key=value'); }))
    .option('--force', 'go ahead although the checks found warnings')
    .addOption(new Option('--quiesce <mode>', 'scale: scale the workload to 0 while its claims are cloned, then back').choices(['none', 'scale']).default('none'))
    .option('--timeout <duration>', 'how long to wait for each clone to be Bound', '5m')
    .addOption(new Option('--dry-run <mode>', 'client: print the clones and the copy, only reads; server: the apiserver validates them and returns them, nothing is written').choices(['none', 'client', 'server']).default('none'))
    .addOption(new Option('-o, --output <format>', 'how to print the copy').choices(['yaml', 'json']).default('yaml'))
    .addHelpText('after', `
Examples:
  kubectl clone workload deploy/web -n shop                 # clone its claims, print the copy
  kubectl clone workload sts/db -n shop --suffix -debug --apply
  kubectl clone workload pod/worker-0 -n shop --dry-run=client`);
  addConnectionFlags(command);
  addProfileFlags(command);
  return command.action(async (ref: string, flags: WorkloadFlags) => {
    terminal.exitCode = await (await loadLive()).runWorkloadCommand(ref, flags, terminal);
  });
}

export function resumeCommand(terminal: Terminal): Command {
  const command = new Command('resume')
    .description('restore a Deployment or StatefulSet that an interrupted --quiesce=scale left at 0 replicas (the count is in its kubectl-clone.io/quiesced-replicas annotation)')
    .argument('<workload>', 'deploy/NAME or sts/NAME')
    .addHelpText('after', `
Examples:
  kubectl clone resume deploy/web -n shop`);
  addConnectionFlags(command);
  return command.action(async (ref: string, flags: ConnectionFlags) => {
    terminal.exitCode = await (await loadLive()).runResumeCommand(ref, flags, terminal);
  });
}
