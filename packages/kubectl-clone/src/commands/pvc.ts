import { collect } from './repeatable.js';
import { Command, Option } from 'commander';
import { addProfileFlags } from '../profile-flags.js';
import { parseBooleanFlag } from '../flags/boolean.js';
import type { PvcFlags } from '../flags/pvc-types.js';
import type { Terminal } from '../terminal.js';
import { addConnectionFlags } from '../connection-flags.js';
import { loadLive } from '../load-live.js';
import { loadOffline } from '../load-offline.js';
import { CliError } from '../errors.js';

export function pvcCommand(terminal: Terminal): Command {
  const command = new Command('pvc')
    .description('clone a PersistentVolumeClaim: check, create, wait until Bound (or plan it from manifests with -f)')
    .argument('<source>', 'the claim to clone')
    .argument('[name]', 'the clone\'s name (default: --name-template)')
    .option('-f, --filename <file>', 'read the source claim (and its PersistentVolume, StorageClasses, Pods) from manifests instead of a cluster (repeatable; - for stdin)', collect, undefined)
    .option('--storage-class <class>', 'the clone\'s StorageClass (default: the source\'s)')
    .option('--size <quantity>', 'the clone\'s size (default: the larger of the source\'s request and capacity)')
    .addOption(new Option('--volume-mode <mode>', 'the clone\'s volumeMode (default: the source\'s; a different one is refused)').choices(['Filesystem', 'Block']))
    .option('--access-mode <mode>', 'access mode (repeatable; default: the source\'s)', collect, [])
    .option('--name-template <template>', 'clone name from {source}, {namespace}, {timestamp}, {random} (default: {source}-clone-{timestamp}-{random})')
    .option('--label <key=value>', 'label for the clone (repeatable)', collect, [])
    .addOption(new Option('-l, --selector <selector>', 'not a pvc flag: -l selects in kubectl').hideHelp().argParser(() => { throw new CliError('-l/--selector selects claims (kubectl clone list, prune); to label the clone use --label key=value'); }))
    .addOption(new Option('-o, --output <format>', 'what to print: the clone (yaml, json, name), a multi-line summary (wide) or the plan with its reasons (plan: writes nothing); default: one line').choices(['yaml', 'json', 'name', 'wide', 'plan']))
    .addOption(new Option('--dry-run <mode>', 'client: print the manifests, only reads; server: the apiserver validates and returns them, nothing is written').choices(['none', 'client', 'server']).default('none'))
    .option('--force', 'go ahead although the checks found warnings (never for errors)')
    .addOption(new Option('--wait [bool]', 'wait until Bound (--wait=false: return once the clone is created)').argParser(parseBooleanFlag('--wait')).default(true))
    .addOption(new Option('--no-wait', 'the same as --wait=false').hideHelp())
    .option('--timeout <duration>', 'how long to wait for the snapshot and for Bound', '5m')
    .option('--wait-for-consumer [duration]', 'WaitForFirstConsumer classes: wait (default --timeout) for the first pod that mounts the clone, and report its pod and node; without it the clone is handed off, exit 0')
    .addOption(new Option('--strategy <strategy>', 'auto: CSI clone where the driver can, else snapshot and restore, else a copy through pods; clone; snapshot; copy').choices(['auto', 'clone', 'snapshot', 'copy']).default('auto'))
    .option('--image <image>', 'the copy strategy\'s pod image: needs sh, tar, du, dd (default: busybox:1.37.0)')
    .option('--to-context <context>', 'make the clone in another cluster (a kubeconfig context): copied through a pod in each cluster, streamed through both apiservers')
    .option('--keep-snapshot', 'keep the temporary VolumeSnapshot of the snapshot strategy')
    .option('--ttl <duration>', 'record a time to live on the clone (e.g. 7d); `kubectl clone prune` deletes it once expired')
    .option('--to-namespace <ns>', 'clone into another namespace (dataSourceRef + a ReferenceGrant in the source namespace; needs CrossNamespaceVolumeDataSource)')
    .option('--no-grant', 'cross-namespace: do not create a ReferenceGrant, rely on one that exists')
    .addOption(new Option('--quiesce <mode>', 'scale: scale the Deployments/StatefulSets whose pods mount the source to 0, clone, scale back (the count is kept in an annotation; `kubectl clone resume` restores an interrupted run)').choices(['none', 'scale']).default('none'))
    .addHelpText('after', `
Examples:
  kubectl clone pvc data -n shop                       # clone, wait until Bound, print a summary
  kubectl clone pvc data data-debug -n shop --size 20Gi --label purpose=debug
  kubectl clone pvc data -n shop --dry-run=server -o yaml
  kubectl clone pvc data -n shop --strategy snapshot --ttl 7d   # VolumeSnapshot, restore, delete the snapshot
  kubectl clone pvc data -n shop --to-namespace dev             # ReferenceGrant in shop + dataSourceRef clone in dev
  kubectl clone pvc data -n shop --quiesce=scale                # a consistent copy: writers scaled to 0 and back
  kubectl clone pvc data -n shop --storage-class fast-ssd       # another driver: auto copies the files through a pod
  kubectl clone pvc data -n shop --to-context prod-eu --to-namespace shop   # into another cluster (copy)
  kubectl clone pvc data -f examples/source/data-pvc.yaml --dry-run=client -o yaml   # offline`);
  addConnectionFlags(command);
  addProfileFlags(command);
  command.action(async (source: string, name: string | undefined, flags: PvcFlags) => {
    // both check every value (validatePvcFlags) before the first request or file read
    terminal.exitCode = flags.filename?.length
      ? (await loadOffline()).runPvc(source, name, flags, terminal)
      : await (await loadLive()).runPvcLiveCommand(source, name, flags, terminal);
  });
  return command;
}

