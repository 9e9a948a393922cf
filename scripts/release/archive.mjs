// A reproducible .tar.gz (sorted names, fixed times and owners, no gzip timestamp) of `files`
// taken from `dir`: the same inputs give the same bytes and so the same SHA-256.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

export function tarGz(dir, files, outFile) {
  const tar = execFileSync('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '--mode=u+w,go-w', '-cf', '-', '-C', dir, ...files], { maxBuffer: 1 << 30 });
  writeFileSync(outFile, execFileSync('gzip', ['-n'], { input: tar, maxBuffer: 1 << 30 }));
}
