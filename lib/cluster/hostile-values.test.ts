/** Values the audit found accepted (or answered with empty field errors); each must be a field error. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fakePrivateKey } from '@/test/support/fake-key';
import { modelDocumentSchema } from './document';
import { fieldErrors, nodeSchema, serviceSchema, setupSchema, userUpdateSchema, virtualNodeSchema } from './schemas';

const errors = (schema: z.ZodType, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? {} : fieldErrors(r.error);
};
const node = { name: 'web1', address: '10.0.0.1', ssh: { host: '10.0.0.1', password: 'pw' } };
const vnode = { name: 'www', vip: '10.0.0.100', nodeGroup: 'g1' };
const svc = { name: 'web', protocol: 'tcp', port: 80 };

describe('defect 1: what the schema accepts, the renderer can label', () => {
  it.each([
    ['a 15-character VIP interface', virtualNodeSchema, { ...vnode, interface: 'abcdefghijklmno' }, 'interface'],
    ['a 15-character node VIP interface', nodeSchema, { ...node, vipInterface: 'abcdefghijklmno' }, 'vipInterface'],
  ])('%s is refused at the field', (_, schema, v, field) => expect(Object.keys(errors(schema, v))).toEqual([field]));

  it('14 characters still pass', () => {
    expect(errors(virtualNodeSchema, { ...vnode, interface: 'abcdefghijklmn' })).toEqual({});
  });
});

describe('defect 6: look-alike names and invalid text', () => {
  it.each([
    ['RTL override', 'web\u202E'], ['zero width space', 'w\u200Beb'], ['line separator', 'web\u2028'],
    ['noncharacter', 'web\uFFFF'], ['lone surrogate', 'web\uD800'], ['Latin with a Cyrillic е', 'w\u0435b'],
    ['Latin with a Greek ο', 'we\u03BFb'], ['zero width joiner', 'we\u200Db'], ['BOM', '\uFEFFweb'],
  ])('a name with a %s is refused', (_, value) => {
    expect(Object.keys(errors(serviceSchema, { ...svc, name: value }))).toEqual(['name']);
  });

  it('names are NFC: a decomposed é is stored composed, so both spellings are one name', () => {
    const r = serviceSchema.parse({ ...svc, name: 'cafe\u0301' });
    expect(r.name).toBe('caf\u00E9');
  });

  it('Hangul, with or without Latin, still passes', () => {
    expect(errors(serviceSchema, { ...svc, name: '웹 서버' })).toEqual({});
    expect(errors(serviceSchema, { ...svc, name: 'web 서버' })).toEqual({});
  });

  it.each([
    ['description', serviceSchema, { ...svc, description: 'a\uDC00b' }, 'description'],
    ['notes', nodeSchema, { ...node, notes: '\uD800' }, 'notes'],
    ['ssh password', nodeSchema, { ...node, ssh: { host: '10.0.0.1', password: 'pw\uD800' } }, 'ssh.password'],
    ['setup password', setupSchema, { username: 'admin', password: 'long enough\uDBFF' }, 'password'],
    ['user password', userUpdateSchema, { password: 'long enough\uDFFF' }, 'password'],
  ])('a lone surrogate in %s is refused, not replaced by U+FFFD', (_, schema, v, field) => {
    expect(Object.keys(errors(schema, v))).toEqual([field]);
  });
});

describe('defect 7: field errors name the field', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('an unknown key %s is named', (key) => {
    const body = JSON.parse(`{"name":"web","protocol":"tcp","port":80,"${key}":1}`);
    const e = errors(serviceSchema, body);
    expect(Object.keys(e)).toEqual([key]);
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('an unknown key inside an imported node is nodes.0.keyname', () => {
    const doc = {
      format: 'lvs-console-model', version: 1,
      nodes: [{ id: 'n1', ...node, ssh: { host: '10.0.0.1', privateKey: fakePrivateKey('AAAA') }, colour: 'red' }],
    };
    expect(Object.keys(errors(modelDocumentSchema, doc))).toEqual(['nodes.0.colour']);
  });
});

describe('defect 10: valid syntax that is never sensible', () => {
  it.each([
    ['node address 0.0.0.0', nodeSchema, { ...node, address: '0.0.0.0' }, 'address'],
    ['node address 255.255.255.255', nodeSchema, { ...node, address: '255.255.255.255' }, 'address'],
    ['VIP 0.0.0.0', virtualNodeSchema, { ...vnode, vip: '0.0.0.0' }, 'vip'],
    ['virtual node netmask 0.0.0.0', virtualNodeSchema, { ...vnode, netmask: '0.0.0.0' }, 'netmask'],
  ])('%s is a field error', (_, schema, v, field) => expect(Object.keys(errors(schema, v))).toEqual([field]));
});
