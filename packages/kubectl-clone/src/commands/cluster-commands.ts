import { collect } from './repeatable.js';
import { Command, Option } from 'commander';
import { addConnectionFlags } from '../connection-flags.js';
import { loadLive } from '../load-live.js';
import { addProfileFlags } from '../profile-flags.js';
import type { Terminal } from '../terminal.js';
import type { ListFlags } from '../live/list.js';
import type { PruneFlags } from '../live/prune.js';
import type { PvcFlags } from '../flags/pvc-types.js';


export function checkCommand(terminal: Terminal): Command {
  const command = new Command('check')
    .description('the preflight of a clone, alone: a pass/warn/fail checklist (writes nothing)')
    .argument('<source>', 'the claim to clone')
    .option('--storage-class <class>', "the clone's StorageClass (default: the source's)")
    .option('--size <quantity>', "the clone's size (default: the source's)")
    .option('--access-mode <mode>', 'access mode (repeatable)', collect, [])
    .option('--label <key=value>', 'label (repeatable)', collect, [])
    .addOption(new Option('--strategy <strategy>', 'auto, clone, snapshot or copy, as for kubectl clone pvc').choices(['auto', 'clone', 'snapshot', 'copy']).default('auto'))
    .option('--to-namespace <ns>', 'check a clone into another namespace')
    .option('--image <image>', 'the copy pods\' image, dry-run against Pod Security (default: busybox:1.37.0)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', `
Examples:
  kubectl clone check data -n shop
  kubectl clone check data -n shop --storage-class fast -o json

Exit codes: 0 every check passed or warned, 1 a check failed, 2 the command failed.`);
  addConnectionFlags(command);
  addProfileFlags(command);
  return command.action(async (source: string, flags: PvcFlags) => {
    terminal.exitCode = await (await loadLive()).runCheckCommand(source, flags, terminal);
  });
}

export function listCommand(terminal: Terminal): Command {
  const command = new Command('list')
    .alias('ls')
    .description('claims that are clones (made by kubectl-clone, or with a claim as data source)')
    .option('-A, --all-namespaces', 'every namespace')
    .option('--tree', 'show lineage: sources with their clones, clones of clones')
    .option('-l, --selector <selector>', 'only claims matching this label selector (key=value,key!=value,key), as kubectl get -l')
    .addOption(new Option('-o, --output <format>', 'output format').choices(['text', 'wide', 'json', 'yaml', 'name']))
    .addHelpText('after', `
Examples:
  kubectl clone list -n shop
  kubectl clone list -A --tree`);
  addConnectionFlags(command);
  return command.action(async (flags: ListFlags) => {
    terminal.exitCode = await (await loadLive()).runListCommand(flags, terminal);
  });
}

export function pruneCommand(terminal: Terminal): Command {
  const command = new Command('prune')
    .description('delete clones kubectl-clone made (never other claims, never one a running pod mounts, never one whose TTL has not run out), and the ReferenceGrants and snapshots it made once no clone needs them')
    .option('-A, --all-namespaces', 'every namespace')
    .option('--older-than <duration>', 'only clones older than this, e.g. 12h, 7d, 2w')
    .option('-l, --selector <selector>', 'only clones matching this label selector too (key=value,key!=value,key)')
    .option('--expired', 'only clones whose --ttl has run out')
    .option('--ignore-ttl', 'also delete clones whose TTL has not run out (kept by default)')
    .option('--include-kept-snapshots', 'also delete VolumeSnapshots kept with --keep-snapshot once their clone no longer needs them (kept by default)')
    .addOption(new Option('--dry-run [mode]', 'none: delete; client: list what would be deleted; server: the apiserver checks each delete, nothing is deleted (a bare --dry-run is client)').choices(['none', 'client', 'server']))
    .option('-y, --yes', 'do not ask (needed when not on a terminal)')
    .addHelpText('after', `
Examples:
  kubectl clone prune -n shop --older-than 7d --dry-run=client
  kubectl clone prune -n shop -l purpose=debug --dry-run=server   # the apiserver checks the deletes
  kubectl clone prune -A --older-than 30d --yes
  kubectl clone prune -A --expired --yes                # clones made with --ttl whose time is up`);
  addConnectionFlags(command);
  return command.action(async (flags: PruneFlags) => {
    terminal.exitCode = await (await loadLive()).runPruneCommand(flags, terminal);
  });
}
