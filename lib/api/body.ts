/**
 * Reading a JSON request body without trusting it: JSON content type only, at most 5 MB read (the
 * stream is cancelled at the limit, never buffered whole), UTF-8 that decodes exactly (no silent
 * U+FFFD), and no lone UTF-16 surrogate in any key or string (JSON's \uD800 escape), named by
 * its field path.
 */
import { ApiError, invalid } from '../errors';
import { isWellFormedText } from '../cluster/primitives';

export const MAX_BODY_BYTES = 5_000_000;

const tooLarge = () => invalid({ _: 'body is larger than 5 MB' }, 'body too large');

export function isJsonContentType(value: string | null): boolean {
  const type = (value ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

async function readBounded(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.byteLength; }
  return out;
}

/** The path of the first key or string that is not valid Unicode text, or null. */
export function firstMalformedText(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return isWellFormedText(value) ? null : path.join('.') || '_';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = firstMalformedText(value[i], [...path, String(i)]);
      if (hit) return hit;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isWellFormedText(k)) return [...path, k].join('.');
      const hit = firstMalformedText(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return null;
}

export async function readJson(request: Request): Promise<unknown> {
  if (!isJsonContentType(request.headers.get('content-type'))) {
    throw new ApiError('unsupported-media-type', 'send the body as application/json', { _: 'content-type must be application/json' });
  }
  const bytes = await readBounded(request, MAX_BODY_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid({ _: 'body is not valid UTF-8' }, 'body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid({ _: 'body is not valid JSON' }, 'body is not valid JSON');
  }
  const bad = firstMalformedText(value);
  if (bad) throw invalid({ [bad]: 'must be valid text (it holds a lone UTF-16 surrogate)' });
  return value;
}
