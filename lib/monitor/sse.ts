/**
 * Server-sent event framing for the live stream. A node result is serialised once, whatever the
 * number of viewers it fans out to (the poller publishes one object per poll; viewers share it).
 */
const encoded = new WeakMap<object, Uint8Array>();
const encoder = new TextEncoder();

export function sseEvent(event: string, data: object): Uint8Array {
  const key = event === 'node' ? data : null;
  const hit = key ? encoded.get(key) : undefined;
  if (hit) return hit;
  const bytes = encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  if (key) encoded.set(key, bytes);
  return bytes;
}
