import { describe, expect, it } from 'vitest';
import { parseEventLine, parseEventLog } from './parse';

const DOWN = 'v1 1764700000.123456789 rs-down service=tcp/10.20.0.100:80 rs=10.10.0.12:80';
const UP = 'v1 1764700005.000000001 rs-up service=tcp/10.20.0.100:80 rs=10.10.0.12:80';

describe('parseEventLine', () => {
  it.each([
    [DOWN, { kind: 'rs-down', at: '2025-12-02T18:26:40.123Z', fields: { service: 'tcp/10.20.0.100:80', rs: '10.10.0.12:80' } }],
    ['v1 1764700000.000000000 keepalived-started', { kind: 'keepalived-started', at: '2025-12-02T18:26:40.000Z', fields: {} }],
    ['v1 1764700000.000000000 rs-down service=fwmark/5 rs=10.10.0.12:80 output=', { kind: 'rs-down', at: '2025-12-02T18:26:40.000Z', fields: { service: 'fwmark/5', rs: '10.10.0.12:80', output: '' } }],
  ])('reads %s', (line, expected) => expect(parseEventLine(line)).toEqual(expected));

  it.each([
    ['v2 1764700000.000000000 rs-down', 'not a v1 line'],
    ['v1 1764700000 rs-down', 'bad timestamp'],
    ['v1 1764700000.12345 rs-down', 'bad timestamp'],
    ['v1 1764700000.000000000 RS-DOWN', 'bad kind'],
    ['v1 1764700000.000000000', 'bad kind'],
    ['v1 1764700000.000000000 rs-down service', 'bad field name'],
    ['v1 1764700000.000000000 rs-down Service=x', 'bad field name'],
    ['v1 1764700000.000000000 rs-down service="x"', 'bad value of service'],
    ['v1 1764700000.000000000 rs-down a=1 a=2', 'repeated field a'],
    ['v1 1764700000.000000000 rs-down  rs=1', 'bad field name'],
    ['v1 1764700000.000000000 rs-down rs=a;rm', 'bad value of rs'],
  ])('refuses %j', (line, reason) => expect(parseEventLine(line)).toEqual({ reason }));
});

describe('parseEventLog', () => {
  it('consumes whole lines only and keeps byte offsets', () => {
    const text = `${DOWN}\n${UP}\nv1 17647000`;
    const r = parseEventLog(text, 100);
    expect(r.events.map((e) => [e.offset, e.kind])).toEqual([[100, 'rs-down'], [100 + DOWN.length + 1, 'rs-up']]);
    expect(r.consumed).toBe(DOWN.length + UP.length + 2);
    expect(r.errors).toEqual([]);
  });

  it('reports a bad line and goes on with the good ones after it', () => {
    const bad = 'garbage here';
    const r = parseEventLog(`${bad}\n${DOWN}\n`, 0);
    expect(r.errors).toEqual([{ offset: 0, line: bad, reason: 'not a v1 line' }]);
    expect(r.events).toHaveLength(1);
    expect(r.events[0].offset).toBe(bad.length + 1);
  });

  it('counts offsets in bytes and escapes hostile bytes in errors', () => {
    const hostile = 'v1 1.000000000 x rs=\u00e9\u0007\u001b[31m';
    const r = parseEventLog(`${hostile}\n${DOWN}\n`, 0);
    expect(r.errors[0].line).not.toMatch(/[\x00-\x1f\u00e9]/);
    expect(r.events[0].offset).toBe(Buffer.byteLength(hostile) + 1);
    expect(r.consumed).toBe(Buffer.byteLength(`${hostile}\n${DOWN}\n`));
  });

  it('caps a very long bad line', () => {
    const r = parseEventLog(`${'x'.repeat(10_000)}\n`, 0);
    expect(r.errors[0].line.length).toBeLessThan(300);
    expect(r.consumed).toBe(10_001);
  });

  it('skips empty lines and reads nothing from a chunk without a newline', () => {
    expect(parseEventLog('\n\n', 0)).toEqual({ events: [], consumed: 2, errors: [] });
    expect(parseEventLog(DOWN, 0)).toEqual({ events: [], consumed: 0, errors: [] });
  });
});
