/**
 * What a node prints is untrusted: it can echo the password it was logged in with (a misconfigured
 * PAM banner, a wrapper that prints its environment) and it can be endless. Every piece of node
 * output that can reach an answer, a stored version, the live view or a log goes through here.
 */
import { scrubSecrets } from './errors';
import { secretsOf, type SshEndpoint } from './endpoint';

/** Past these, a command's output is not read further (40 MB was once read whole). */
export const MAX_STDOUT_BYTES = 16 * 1024 * 1024;
export const MAX_STDERR_BYTES = 64 * 1024;
/** Text kept in an error: enough to see what went wrong. */
export const MAX_ERROR_TEXT = 4_000;

export function scrubNodeText(text: string, endpoint: SshEndpoint, max = MAX_ERROR_TEXT): string {
  const clean = scrubSecrets(text, secretsOf(endpoint));
  return clean.length > max ? `${clean.slice(0, max)}… (${clean.length - max} more characters)` : clean;
}

/** Every string field of an error object, scrubbed and bounded (nested objects too). */
export function scrubNodeError<T>(value: T, endpoint: SshEndpoint): T {
  if (typeof value === 'string') return scrubNodeText(value, endpoint) as T;
  if (Array.isArray(value)) return value.map((v) => scrubNodeError(v, endpoint)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubNodeError(v, endpoint)])) as T;
  }
  return value;
}

/** Collects a stream's chunks up to a byte limit; past it, `overflowed` is set and the rest is dropped. */
export class BoundedBuffer {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  overflowed = false;
  constructor(readonly limit: number) {}
  push(chunk: Buffer): void {
    if (this.overflowed) return;
    if (this.size + chunk.length > this.limit) {
      this.chunks.push(chunk.subarray(0, this.limit - this.size));
      this.size = this.limit;
      this.overflowed = true;
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
