import { describe, expect, it } from 'vitest';
import { maskToPrefix, prefixToMask } from './primitives';
import { fieldErrors, masterPrioritySchema, nodeGroupSchema, nodeSchema, serviceSchema, userCreateSchema, virtualNodeSchema, weightEntrySchema } from './schemas';

const fieldsOf = (schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? [] : Object.keys(fieldErrors(r.error as never));
};

describe('netmask helpers', () => {
  it.each([
    ['255.255.255.255', 32], ['255.255.255.0', 24], ['255.255.128.0', 17], ['0.0.0.0', 0], ['255.0.255.0', null], ['255.255.255.1', null], ['1.2.3', null],
  ])('%s → %s', (mask, prefix) => {
    expect(maskToPrefix(mask)).toBe(prefix);
    if (prefix !== null) expect(prefixToMask(prefix)).toBe(mask);
  });
});

describe('serviceSchema', () => {
  const base = { name: 'httpd', protocol: 'tcp', port: 80 };
  it('fills defaults the way ipvsadm does (wlc, DR, weight-free)', () => {
    const s = serviceSchema.parse(base);
    expect(s).toMatchObject({ scheduler: 'wlc', forwarding: 'dr', tunnelType: null, persistence: null, schedulerFlags: [], upperThreshold: 0 });
  });
  it('defaults the tunnel type to ipip for tun', () => {
    expect(serviceSchema.parse({ ...base, forwarding: 'tun' }).tunnelType).toBe('ipip');
  });
  it.each([
    [{ ...base, protocol: 'fwmark', port: null, fwmark: 7 }, []],
    [{ ...base, scheduler: 'sh', schedulerFlags: ['sh-fallback', 'sh-port'] }, []],
    [{ ...base, scheduler: 'mh', schedulerFlags: ['mh-port'] }, []],
    [{ ...base, persistence: { timeout: 360, netmask: '255.255.255.0' } }, []],
    [{ ...base, scheduler: 'sh', schedulerFlags: ['sh-port', 'sh-port'] }, ['schedulerFlags']],
    [{ ...base, scheduler: 'mh', schedulerFlags: ['sh-port'] }, ['schedulerFlags']],
    [{ ...base, protocol: 'udp', port: undefined }, ['port']],
    [{ ...base, protocol: 'sctp', port: 3868 }, []],
    [{ ...base, upperThreshold: 100, lowerThreshold: 50 }, []],
    [{ ...base, upperThreshold: 0, lowerThreshold: 50 }, []],
    [{ ...base, name: '웹서버' }, []],
    [{ ...base, name: ' spaced ' }, []],
    [{ ...base, name: '-rf' }, ['name']],
  ])('%j → errors on %j', (input, fields) => {
    expect(fieldsOf(serviceSchema, input)).toEqual(fields);
  });
});

describe('nodeSchema', () => {
  const key = ['-----BEGIN OPENSSH PRIVATE', 'KEY-----\nAAAA\n-----END OPENSSH PRIVATE', 'KEY-----'].join(' ');
  const base = { name: 'Web01', address: '10.10.0.11', ssh: { host: 'web01.example', privateKey: key } };
  it('fills ssh defaults', () => {
    expect(nodeSchema.parse(base).ssh).toMatchObject({ port: 22, user: 'root', hostKeyFingerprint: null });
  });
  it.each([
    [{ ...base, ssh: { ...base.ssh, hostKeyFingerprint: `SHA256:${'A'.repeat(43)}` } }, []],
    [{ ...base, ssh: { ...base.ssh, hostKeyFingerprint: `SHA256:${'A'.repeat(44)}` } }, ['ssh.hostKeyFingerprint']],
    [{ ...base, ssh: { host: '10.0.0.1', password: 'secret' } }, []],
    [{ ...base, ssh: { host: '-oProxyCommand=x' } }, ['ssh.host']],
    [{ ...base, address: '10.10.0.1/24' }, ['address']],
    [{ ...base, vipInterface: 'eth0:0' }, ['vipInterface']],
    [{ ...base, vipInterface: 'bond0.100' }, []],
  ])('%j → errors on %j', (input, fields) => {
    expect(fieldsOf(nodeSchema, input)).toEqual(fields);
  });
});

describe('other entities', () => {
  it.each([
    [virtualNodeSchema, { name: 'www', vip: '10.20.0.100', nodeGroup: 'g1' }, []],
    [virtualNodeSchema, { name: 'www', vip: '10.20.0.100' }, ['nodeGroup']],
    [nodeGroupSchema, { name: 'web', nodes: ['a', 'b'] }, []],
    [weightEntrySchema, { node: 'a', service: 'b', weight: 0 }, []],
    [weightEntrySchema, { node: 'a', service: 'b', weight: 65535 }, []],
    [weightEntrySchema, { node: 'a', service: 'b', weight: 65536 }, ['weight']],
    [masterPrioritySchema, { nodes: ['a'] }, []],
    [userCreateSchema, { username: 'kim', password: '12345678', role: 'operator' }, []],
    [userCreateSchema, { username: 'Kim', password: '12345678', role: 'operator' }, ['username']],
  ] as const)('%#', (schema, input, fields) => {
    expect(fieldsOf(schema, input)).toEqual(fields);
  });
  it('names unknown fields', () => {
    expect(fieldsOf(nodeGroupSchema, { name: 'g', extra: 1 })).toEqual(['extra']);
  });
});
