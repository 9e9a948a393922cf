// busybox's applets alone in a folder: scripts that run in our pods (the verify walk, the copy's
// receiver) are tested with exactly those tools (CI installs busybox-static for the sandbox's image).
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

function busybox(): string {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/bin', '/usr/bin'])) {
    try {
      execFileSync(path.join(dir, 'busybox'), ['true']);
      return path.join(dir, 'busybox');
    } catch { /* next */ }
  }
  throw new Error('busybox is not installed (apt-get install busybox-static): the pods\' scripts are tested with its applets');
}

/** Makes `<work>/bin` with a link per applet to the installed busybox; returns that folder. */
export function busyboxApplets(work: string, applets: readonly string[]): string {
  const bin = path.join(work, 'bin');
  mkdirSync(bin);
  const box = busybox();
  for (const applet of applets) symlinkSync(box, path.join(bin, applet));
  return bin;
}
