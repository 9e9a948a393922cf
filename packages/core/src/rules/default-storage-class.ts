import type { ClaimRule } from './types.js';
import { specRange } from './edits.js';
import { cloneSource, sourceDriver } from './clone-source.js';
import { provisioningDriver } from '../drivers.js';

/**
 * K2. An omitted storageClassName gets the default class at create time (DefaultStorageClass
 * admission, or retroactively since 1.28). The clone works only if that class's provisioner
 * is the source's driver; a portable clone names its class.
 */
export const defaultStorageClass: ClaimRule = {
  meta: {
    id: 'default-storage-class',
    reference: 'K2',
    title: 'The clone relies on the default StorageClass',
    severity: 'info',
    layer: 'apiserver',
    phase: 'cross',
    versions: 'all',
    fixable: false,
  },
  check(context) {
    const written = context.claim.spec.storageClassName;
    if (written !== undefined && written !== null) return;
    const source = cloneSource(context);
    if (!source) return;
    const defaults = context.bundle.defaultStorageClasses();
    const driver = source.known ? sourceDriver(context, source.known) : undefined;
    const range = specRange(context);
    const sourceClass = source.known?.value.spec?.storageClassName;
    const wrong = driver ? defaults.find((storageClass) => provisioningDriver(storageClass.value.provisioner ?? '', context.profile.kubernetesVersion) !== driver.driver) : undefined;
    if (wrong && driver) {
      context.report({
        range,
        severity: 'warning',
        message:
          `no storageClassName: the default class ${wrong.name} (${wrong.value.provisioner}) is used, but source ${source.name} is a ` +
          `${driver.driver} volume, so the clone never binds; set storageClassName${sourceClass ? `: ${sourceClass}` : ''}`,
      });
      return;
    }
    if (defaults.length > 0 && driver) return;
    context.report({
      range,
      message:
        'no storageClassName: the cluster\'s default StorageClass is used, and the clone works only if its provisioner is the ' +
        `source's CSI driver${sourceClass ? `; name it (storageClassName: ${sourceClass}) to make the clone portable` : ''}`,
    });
  },
};
