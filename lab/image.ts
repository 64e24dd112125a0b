/**
 * The node image is built once and reused: it is rebuilt only when a file under lab/image/ changed
 * (the stamp is a hash of those inputs) or the image is missing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { CACHE_DIR, IMAGE_DIR, image } from './paths';

function listFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? listFiles(p) : [p];
  });
}

export function imageInputsHash(): string {
  const h = createHash('sha256');
  for (const file of listFiles(image.inputsDir)) {
    h.update(path.relative(image.inputsDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return h.digest('hex');
}

export function imageIsCurrent(): boolean {
  if (!existsSync(image.kernel) || !existsSync(image.initrd) || !existsSync(image.stamp)) return false;
  return readFileSync(image.stamp, 'utf8').trim() === imageInputsHash();
}

/** Builds the image unless it is current. Returns whether a build ran. Needs root (apt, chroot). */
export function ensureImage(opts: { force?: boolean; log?: (line: string) => void } = {}): boolean {
  const log = opts.log ?? ((l: string) => process.stderr.write(l + '\n'));
  if (!opts.force && imageIsCurrent()) return false;
  if (process.getuid?.() !== 0) {
    throw new Error('building the lab image needs root (apt-get download, chroot); run `npm run lab:build` as root once');
  }
  const hash = imageInputsHash();
  log(`lab: building node image into ${IMAGE_DIR}`);
  const started = Date.now();
  const r = spawnSync('bash', [image.buildScript, CACHE_DIR, IMAGE_DIR], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`lab image build failed (exit ${r.status ?? r.signal})`);
  writeFileSync(image.stamp, hash + '\n');
  log(`lab: image built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
