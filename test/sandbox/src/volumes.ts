import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DRIVER, driverDataDir } from "./drivers.js";
import { httpGet } from "./http.js";

/**
 * What the helpers need from a sandbox (a Sandbox or the facts a vitest globalSetup provides).
 * `dir` (the sandbox dir) finds the extra drivers' volumes; without it only DRIVER's are found.
 */
export interface VolumeAccess {
  server: string;
  adminToken: string;
  dataDir: string;
  dir?: string;
}

async function csiSource(sb: VolumeAccess, pvName: string): Promise<{ driver: string; handle: string }> {
  const r = await httpGet(`${sb.server}/api/v1/persistentvolumes/${encodeURIComponent(pvName)}`, sb.adminToken);
  if (r.status !== 200) throw new Error(`GET persistentvolume ${pvName}: HTTP ${r.status}: ${r.body}`);
  const pv = JSON.parse(r.body) as { spec?: { csi?: { driver?: string; volumeHandle?: string } } };
  const handle = pv.spec?.csi?.volumeHandle;
  if (!handle) throw new Error(`persistentvolume ${pvName} is not a CSI volume (no spec.csi.volumeHandle)`);
  return { driver: pv.spec?.csi?.driver ?? DRIVER, handle };
}

/** The CSI volume handle of a PV (read from the API server). */
export async function volumeHandle(sb: VolumeAccess, pvName: string): Promise<string> {
  return (await csiSource(sb, pvName)).handle;
}

/** <driver's data dir>/<volumeHandle>: where the host-path driver (any of the sandbox's instances) keeps a volume's files. */
export async function volumeDir(sb: VolumeAccess, pvName: string): Promise<string> {
  const { driver, handle } = await csiSource(sb, pvName);
  if (driver !== DRIVER && sb.dir === undefined) throw new Error(`persistentvolume ${pvName} is of driver ${driver}: pass the sandbox's dir to find its data`);
  const dir = path.join(driver === DRIVER ? sb.dataDir : driverDataDir(sb.dir!, driver), handle);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`volume dir ${dir} of ${pvName} does not exist`);
  return dir;
}

function inside(dir: string, relPath: string): string {
  const p = path.resolve(dir, relPath);
  if (p !== dir && !p.startsWith(dir + path.sep)) throw new Error(`${relPath} escapes the volume`);
  return p;
}

export async function writeVolumeFile(sb: VolumeAccess, pvName: string, relPath: string, content: string | Uint8Array): Promise<void> {
  const p = inside(await volumeDir(sb, pvName), relPath);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
}

export async function readVolumeFile(sb: VolumeAccess, pvName: string, relPath: string): Promise<Buffer> {
  return readFileSync(inside(await volumeDir(sb, pvName), relPath));
}

/** Files (not directories) in a volume, as sorted paths relative to the volume root. */
export async function listVolumeFiles(sb: VolumeAccess, pvName: string): Promise<string[]> {
  const root = await volumeDir(sb, pvName);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(root, p));
    }
  };
  walk(root);
  return out.sort();
}
