import { describe, expect, it } from 'vitest';
import { BoundedBuffer, scrubNodeError, scrubNodeText } from './node-output';
import type { SshEndpoint } from './endpoint';

const ep = { nodeId: 'n', host: 'h', port: 22, user: 'root', hostKeyFingerprint: null, credential: { kind: 'password', password: 'Secret-Pw-9' } } as unknown as SshEndpoint;

describe('node output', () => {
  it('scrubs the node password from text and from every field of an error, nested too', () => {
    expect(scrubNodeText('denied: Secret-Pw-9!', ep)).toBe('denied: [redacted]!');
    expect(scrubNodeError({ code: 'command-failed', stderr: 'Secret-Pw-9', nested: { list: ['x Secret-Pw-9'] }, step: 2 }, ep))
      .toEqual({ code: 'command-failed', stderr: '[redacted]', nested: { list: ['x [redacted]'] }, step: 2 });
  });

  it('bounds error text', () => {
    expect(scrubNodeText('y'.repeat(10_000), ep).length).toBeLessThan(4_100);
  });

  it('stops collecting at its limit (40 MB of output is never held)', () => {
    const b = new BoundedBuffer(1_000);
    for (let i = 0; i < 100; i++) b.push(Buffer.alloc(100, 0x61));
    expect(b.overflowed).toBe(true);
    expect(b.text().length).toBe(1_000);
  });
});
