// A volume's files as the node's disk holds them (the host-path driver's folders), read with
// lstat: what a copy must keep, compared between a source and its copy by the tests.
import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import path from "node:path";

export interface TreeEntry {
  type: "file" | "dir" | "symlink" | "other";
  mode: string;
  uid: number;
  gid: number;
  size?: number;
  sha256?: string;
  target?: string;
  /** Whole seconds: tar keeps seconds. Directories and symlinks included. */
  mtime?: number;
  /** Paths in the tree sharing this file's inode (hard links), the first one by name. */
  linkGroup?: string;
}

/** path (relative, "." for the root) -> what a copy must keep. */
export async function treeOf(root: string): Promise<Record<string, TreeEntry>> {
  const out: Record<string, TreeEntry> = {};
  const inodes = new Map<number, string>();
  const walk = async (rel: string): Promise<void> => {
    const full = path.join(root, rel);
    const st = await lstat(full);
    const type = st.isFile() ? "file" : st.isDirectory() ? "dir" : st.isSymbolicLink() ? "symlink" : "other";
    const entry: TreeEntry = { type, mode: (st.mode & 0o7777).toString(8), uid: st.uid, gid: st.gid, mtime: Math.floor(st.mtimeMs / 1000) };
    if (type === "file") {
      entry.size = st.size;
      entry.sha256 = createHash("sha256").update(await readFile(full)).digest("hex");
      if (st.nlink > 1) {
        if (!inodes.has(st.ino)) inodes.set(st.ino, rel);
        entry.linkGroup = inodes.get(st.ino)!;
      }
    }
    if (type === "symlink") {
      entry.target = await readlink(full);
      delete entry.mtime; // busybox tar does not set a symlink's own time
    }
    out[rel] = entry;
    if (type === "dir") for (const name of (await readdir(full)).sort()) await walk(rel === "." ? name : path.join(rel, name));
  };
  await walk(".");
  return out;
}
