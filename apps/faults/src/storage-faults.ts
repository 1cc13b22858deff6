/**
 * Breaking the embedded queue's storage for real, with whatever this machine allows. As root:
 * a small tmpfs that fills up (SQLite then fails with SQLITE_FULL), the immutable flag
 * (`chattr +i`, which even root cannot write through, open file descriptors included) and a
 * read-only bind mount. Root ignores file modes, so modes are only the fallback for other users,
 * with a file-size limit (`ulimit -f`) standing in for a full disk.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, rmSync, writeSync } from 'node:fs';

/** True when this process may mount file systems and set the immutable flag (it runs as root). */
export function isPrivileged(): boolean {
  return process.getuid?.() === 0;
}

/** Mounts a tmpfs of `sizeBytes` at `dir` (root only); returns how to unmount it. */
export function mountSmallDisk(dir: string, sizeBytes: number): () => void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'watchbot-faults', dir]);
  return () => execFileSync('umount', ['-l', dir]);
}

/** Writes `path` until the file system refuses more (ENOSPC); returns the bytes written. The caller removes the file to "fix the disk". */
export function fillDisk(path: string): number {
  const chunk = Buffer.alloc(64 * 1024, 0x66);
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    for (;;) written += writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // A last partial block may still fit: write single bytes until that too is refused.
  const tail = openSync(path, 'a');
  try {
    for (;;) written += writeSync(tail, Buffer.from([0x66]));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(tail);
  }
  return written;
}

/** Removes a filler file written by {@link fillDisk}. */
export function removeFiller(path: string): void {
  rmSync(path, { force: true });
}

/** Sets the immutable flag on `paths` (root only); returns how to clear it. */
export function makeImmutable(paths: readonly string[]): () => void {
  execFileSync('chattr', ['+i', ...paths]);
  return () => execFileSync('chattr', ['-i', ...paths]);
}

/** Remounts `dir` onto itself read-only (root only); returns how to undo it. */
export function mountReadOnly(dir: string): () => void {
  execFileSync('mount', ['--bind', dir, dir]);
  try {
    execFileSync('mount', ['-o', 'remount,ro,bind', dir]);
  } catch (error) {
    execFileSync('umount', [dir]);
    throw error;
  }
  return () => execFileSync('umount', [dir]);
}

/** Takes write permission away from `dir` and the files in `files` (for users other than root); returns how to restore it. */
export function removeWritePermission(dir: string, files: readonly string[]): () => void {
  for (const file of files) chmodSync(file, 0o444);
  chmodSync(dir, 0o555);
  return () => {
    chmodSync(dir, 0o755);
    for (const file of files) chmodSync(file, 0o644);
  };
}
