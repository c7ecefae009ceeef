/**
 * SIGKILL for an ingest child spawned `detached`, so its whole process group (its ffmpeg decoders too)
 * dies at once, as a crash would take them; falls back to the child alone where the group is gone.
 * Kills at most once; `killed()` says whether it did.
 */

import type { ChildProcess } from 'node:child_process';

export function groupKiller(child: ChildProcess): { kill: () => void; killed: () => boolean } {
  let killed = false;
  return {
    kill: () => {
      if (killed || child.exitCode !== null) return;
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    },
    killed: () => killed,
  };
}
