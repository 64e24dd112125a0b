import { describe, expect, it } from 'vitest';
import { sseEvent } from './sse';

describe('sseEvent', () => {
  it('frames an event and serialises one node result once for every viewer', () => {
    const node = { node: 'n1', state: 'up' };
    const a = sseEvent('node', node);
    expect(new TextDecoder().decode(a)).toBe('event: node\ndata: {"node":"n1","state":"up"}\n\n');
    expect(sseEvent('node', node)).toBe(a); // same bytes object: no second JSON.stringify
    expect(sseEvent('node', { ...node })).not.toBe(a);
  });
});
