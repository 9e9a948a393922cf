import type { ClaimRule } from './types.js';
import { setFieldEdit, specRange } from './edits.js';
import { cloneSource, sourceDriver, targetClass } from './clone-source.js';
import { provisioningDriver } from '../drivers.js';

/**
 * P8. The clone's StorageClass must be served by the CSI driver that owns the source's volume.
 * external-provisioner only logs the detail; the event says "claim in dataSource not bound or invalid".
 */
export const csiDriverMismatch: ClaimRule = {
  meta: {
    id: 'csi-driver-mismatch',
    reference: 'P8',
    title: 'The clone\'s StorageClass must use the source\'s CSI driver',
    severity: 'error',
    layer: 'external-provisioner',
    phase: 'cross',
    upstreamMessage: 'claim in dataSource not bound or invalid',
    versions: 'all',
    fixable: true,
  },
  check(context) {
    const source = cloneSource(context);
    if (!source?.known) return;
    const driver = sourceDriver(context, source.known);
    const target = targetClass(context);
    const written = target.known?.value.provisioner;
    const provisioner = written ? provisioningDriver(written, context.profile.kubernetesVersion) : undefined;
    if (!driver || !provisioner || provisioner === driver.driver) return;
    // Suggest the source's class only where it is another class and (as far as the bundle shows) one
    // of the source's driver: its PV may say otherwise than its class, and a no-op edit is no fix.
    const sourceClass = source.known.value.spec?.storageClassName;
    const classProvisioner = sourceClass ? context.bundle.storageClass(sourceClass)?.value.provisioner : undefined;
    const sourceDriverOfClass = classProvisioner ? provisioningDriver(classProvisioner, context.profile.kubernetesVersion) : driver.driver;
    const sourceClassName = sourceClass && sourceClass !== target.name && sourceDriverOfClass === driver.driver ? sourceClass : undefined;
    const edit = sourceClassName ? setFieldEdit(context, context.claim.specPath, 'storageClassName', sourceClassName) : undefined;
    context.report({
      range: target.defaulted ? specRange(context) : specRange(context, 'storageClassName'),
      message:
        `the clone stays Pending: ${target.defaulted ? 'the default ' : ''}StorageClass ${target.name} is provisioned by ${provisioner}` +
        `${written !== provisioner ? ` (${written}, migrated to CSI)` : ''}, ` +
        `but source ${source.name} is a ${driver.driver} volume (${driver.evidence}); a CSI driver only clones its own volumes ` +
        `(event: "claim in dataSource not bound or invalid"). Use a class of ${driver.driver}` +
        (sourceClassName ? `, e.g. ${sourceClassName}` : ''),
      ...(edit ? { fix: { title: `Use storageClassName: ${sourceClassName}`, edits: [edit] } } : {}),
    });
  },
};
