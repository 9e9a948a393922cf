import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';
import { targetClass } from './clone-source.js';
import { effectiveSource } from '../apiserver/data-sources.js';
import { migratedDriver } from '../drivers.js';

/**
 * K3, K4. In-tree volume plugins cannot provision a claim with a data source; a non-CSI external
 * provisioner may ignore the data source and hand back an empty volume. A plugin migrated to CSI
 * (kubernetes.io/gce-pd, aws-ebs, ...) is not refused: the PV controller hands the claim to its
 * CSI driver, and the other rules treat the class as that driver's.
 */
export const inTreeProvisioner: ClaimRule = {
  meta: {
    id: 'in-tree-provisioner',
    reference: 'K3',
    title: 'Only CSI drivers clone: the class uses an in-tree provisioner',
    severity: 'warning',
    layer: 'controller-manager',
    phase: 'cross',
    upstreamMessage: 'plugin "<name>" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    if (!effectiveSource(context.stages)) return;
    const target = targetClass(context);
    const provisioner = target.known?.value.provisioner;
    if (!provisioner) return;
    const range = target.defaulted ? specRange(context) : specRange(context, 'storageClassName');
    if (provisioner.startsWith('kubernetes.io/') && !migratedDriver(provisioner, context.profile.kubernetesVersion)) {
      context.report({
        range,
        message:
          `StorageClass ${target.name} uses the in-tree provisioner ${provisioner}: the controller-manager refuses to provision ` +
          `("plugin \\"${provisioner}\\" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource"); ` +
          'use a class of a CSI driver that supports cloning',
      });
      return;
    }
    const drivers = context.bundle.facts?.csiDrivers;
    if (drivers && !drivers.some((driver) => driver.metadata?.name === provisioner)) {
      context.report({
        range,
        severity: 'info',
        message:
          `StorageClass ${target.name} is provisioned by ${provisioner}, which has no CSIDriver object in this cluster: if it is not a ` +
          'CSI driver it may ignore the data source and return an EMPTY volume',
      });
    }
  },
};
