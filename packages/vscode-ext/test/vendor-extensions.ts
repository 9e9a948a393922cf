// The real extensions a user has beside ours, for the UI tests: redhat.vscode-yaml and
// ms-kubernetes-tools.vscode-kubernetes-tools (which depends on it), installed into code-server
// from the VSIX files in shared/vendor (this machine reaches no marketplace), else from code-server's
// marketplace (Open VSX) when one answers, else not at all, with the reason.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { entryOf } from './code-server.js';
import { extensionDir } from './harness.js';

export const vendorExtensions = [
  { id: 'redhat.vscode-yaml', version: '1.18.0' },
  { id: 'ms-kubernetes-tools.vscode-kubernetes-tools', version: '1.3.25' },
] as const;

/** KUBECTL_CLONE_VSCODE_VENDOR, else ../shared/vendor beside the repository. */
export function vendorDir(): string {
  return process.env.KUBECTL_CLONE_VSCODE_VENDOR || resolve(extensionDir, '../../../shared/vendor');
}

export type VendorInstall = { readonly installed: true; readonly from: string } | { readonly installed: false; readonly reason: string };

/** YAML first: the Kubernetes extension will not install without its dependency. */
export function installVendorExtensions(installDir: string, profile: { userData: string; extensions: string }, log: (line: string) => void): VendorInstall {
  const install = (what: string) => execFileSync(process.execPath, [entryOf(installDir), '--extensions-dir', profile.extensions, '--user-data-dir', profile.userData, '--install-extension', what], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  const dir = vendorDir();
  const files = vendorExtensions.map(({ id, version }) => join(dir, `${id}-${version}.vsix`));
  if (files.every((file) => existsSync(file))) {
    for (const file of files) {
      log(`installing ${file}`);
      install(file);
    }
    return { installed: true, from: dir };
  }
  const missing = files.filter((file) => !existsSync(file));
  try {
    for (const { id, version } of vendorExtensions) {
      log(`installing ${id}@${version} from code-server's marketplace (${missing.join(', ')} not found)`);
      const output = install(`${id}@${version}`);
      if (/not found|failed/i.test(output)) throw new Error(output.trim().split('\n').pop());
    }
    return { installed: true, from: 'the marketplace' };
  } catch (error) {
    const detail = ((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').pop();
    return { installed: false, reason: `no VSIX in ${dir} (${missing.map((file) => file.slice(dir.length + 1)).join(', ')}; set KUBECTL_CLONE_VSCODE_VENDOR) and the marketplace did not answer (${detail})` };
  }
}
