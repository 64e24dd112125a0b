/** Where the lab keeps its image cache and its per-run state directories. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAB_DIR = path.dirname(fileURLToPath(import.meta.url));
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
