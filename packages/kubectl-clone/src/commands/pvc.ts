import { collect } from './repeatable.js';
import { Command, Option } from 'commander';
import { addProfileFlags, type ProfileFlags } from '../profile-flags.js';
import type { Terminal } from '../terminal.js';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags.js';
import { loadLive } from '../load-live.js';
import { loadOffline } from '../load-offline.js';

export interface PvcFlags extends ProfileFlags, ConnectionFlags {
  filename?: string[];
  storageClass?: string;
  size?: string;
  accessMode: string[];
  volumeMode?: string;
  nameTemplate?: string;
  label: string[];
  output: string;
  dryRun: string;
  force?: boolean;
  wait: boolean;
  timeout: string;
  strategy?: string;
  keepSnapshot?: boolean;
  ttl?: string;
  toNamespace?: string;
  /** commander's --no-grant: false means use only ReferenceGrants that exist. */
  grant?: boolean;
  quiesce?: string;
}

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
    .option('--name-template <template>', 'clone name from {source}, {namespace}, {timestamp}', '{source}-clone-{timestamp}')
    .option('-l, --label <key=value>', 'label for the clone (repeatable)', collect, [])
    .addOption(new Option('-o, --output <format>', 'what to print: the clone (yaml, json, name), a summary (wide) or the plan with its reasons (plan)').choices(['yaml', 'json', 'name', 'wide', 'plan']))
    .addOption(new Option('--dry-run <mode>', 'client: print the manifest, only reads; server: the apiserver validates, nothing is written').choices(['none', 'client', 'server']).default('none'))
    .option('--force', 'go ahead although the checks found warnings (never for errors)')
    .option('--no-wait', 'return once the clone is created')
    .option('--timeout <duration>', 'how long to wait for Bound', '5m')
    .addOption(new Option('--strategy <strategy>', 'auto: CSI clone where the driver can, else snapshot and restore; clone; snapshot').choices(['auto', 'clone', 'snapshot']).default('auto'))
    .option('--keep-snapshot', 'keep the temporary VolumeSnapshot of the snapshot strategy')
    .option('--ttl <duration>', 'record a time to live on the clone (e.g. 7d); `kubectl clone prune` deletes it once expired')
    .option('--to-namespace <ns>', 'clone into another namespace (dataSourceRef + a ReferenceGrant in the source namespace; needs CrossNamespaceVolumeDataSource)')
    .option('--no-grant', 'cross-namespace: do not create a ReferenceGrant, rely on one that exists')
    .addOption(new Option('--quiesce <mode>', 'scale: scale the Deployments/StatefulSets whose pods mount the source to 0, clone, scale back (the count is kept in an annotation; `kubectl clone resume` restores an interrupted run)').choices(['none', 'scale']).default('none'))
    .addHelpText('after', `
Examples:
  kubectl clone pvc data -n shop                       # clone, wait until Bound, print a summary
  kubectl clone pvc data data-debug -n shop --size 20Gi -l purpose=debug
  kubectl clone pvc data -n shop --dry-run=server -o yaml
  kubectl clone pvc data -n shop --strategy snapshot --ttl 7d   # VolumeSnapshot, restore, delete the snapshot
  kubectl clone pvc data -n shop --to-namespace dev             # ReferenceGrant in shop + dataSourceRef clone in dev
  kubectl clone pvc data -n shop --quiesce=scale                # a consistent copy: writers scaled to 0 and back
  kubectl clone pvc data -f examples/source/data-pvc.yaml --dry-run=client -o yaml   # offline`);
  addConnectionFlags(command);
  addProfileFlags(command);
  command.action(async (source: string, name: string | undefined, flags: PvcFlags) => {
    terminal.exitCode = flags.filename?.length
      ? (await loadOffline()).runPvc(source, name, flags, terminal)
      : await (await loadLive()).runPvcLiveCommand(source, name, { ...flags, output: flags.output ?? 'wide' }, terminal);
  });
  return command;
}

