/** Where the lab keeps its image cache and its per-run state directories. */
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The checkout's lab/ directory, found from the working directory rather than import.meta, so the
 * same module loads under tsx, vitest and Playwright (which loads specs as CommonJS).
 */
function findLabDir(): string {
  if (process.env.LVS_LAB_DIR) return path.resolve(process.env.LVS_LAB_DIR);
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'lab', 'image', 'build-image.sh'))) return path.join(dir, 'lab');
    if (path.dirname(dir) === dir) throw new Error('run the lab from inside the LVS Console checkout (or set LVS_LAB_DIR)');
  }
}

export const LAB_DIR = findLabDir();
export const REPO_DIR = path.resolve(LAB_DIR, '..');
/** Image cache, gitignored (/lab/cache/). */
export const CACHE_DIR = process.env.LVS_LAB_CACHE ?? path.join(LAB_DIR, 'cache');
export const IMAGE_DIR = path.join(CACHE_DIR, 'image');
/** One directory per lab run, gitignored (/.lab/). */
export const RUNS_DIR = process.env.LVS_LAB_RUNS ?? path.join(REPO_DIR, '.lab', 'runs');
/** Holds the path of the most recently started lab, for `lab down` without an argument. */
export const LATEST_FILE = path.join(RUNS_DIR, 'latest');

export const image = {
  kernel: path.join(IMAGE_DIR, 'vmlinuz'),
  initrd: path.join(IMAGE_DIR, 'initrd.img'),
  stamp: path.join(IMAGE_DIR, 'inputs.sha256'),
  buildScript: path.join(LAB_DIR, 'image', 'build-image.sh'),
  inputsDir: path.join(LAB_DIR, 'image'),
};
