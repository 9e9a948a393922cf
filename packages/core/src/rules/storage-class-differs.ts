import { versionAtLeast } from '../profile.js';
import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';
import { cloneSource, sourceDriver, targetClass } from './clone-source.js';
import { provisioningDriver } from '../drivers.js';

/**
 * P8, the outdated half. Same-StorageClass was required before external-provisioner v3.2
 * (PR #699); since then only the driver must match. Drivers may still add their own limits.
 */
export const storageClassDiffers: ClaimRule = {
  meta: {
    id: 'storage-class-differs',
    reference: 'P8',
    title: 'The clone uses another StorageClass of the same driver',
    severity: 'info',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage: 'the source PVC and destination PVCs must be in the same storage class for cloning (external-provisioner < v3.2)',
    versions: 'all; an error with external-provisioner < v3.2',
    fixable: false,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source?.known) return;
    const sourceClass = context.bundle.classOf(source.known.value.spec ?? {});
    const target = targetClass(context);
    if (!sourceClass.name || !target.name || sourceClass.name === target.name) return;
    const driver = sourceDriver(context, source.known);
    const provisioner = target.known?.value.provisioner;
    if (!driver || !provisioner || provisioningDriver(provisioner, context.profile.kubernetesVersion) !== driver.driver) return;
    const old = !versionAtLeast(context.profile.provisionerVersion, 3, 2);
    context.report({
      range: target.defaulted ? specRange(context) : specRange(context, 'storageClassName'),
      severity: old ? 'error' : 'info',
      message: old
        ? `external-provisioner ${context.profile.provisionerVersion} requires the source's StorageClass ${sourceClass.name} ` +
          '("the source PVC and destination PVCs must be in the same storage class for cloning"); v3.2 and later only require the same driver'
        : `the clone uses StorageClass ${target.name} and the source ${sourceClass.name}: both are ${provisioner}, which is allowed ` +
          'since external-provisioner v3.2 (the driver may still refuse parameters that differ)',
    });
  },
};
