import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fakePrivateKey } from '@/test/support/fake-key';
import { modelDocumentSchema } from './document';
import { checkOverridesSchema, fieldErrors, persistenceSchema, setupSchema, sshSchema, userUpdateSchema, weightsSchema } from './schemas';
import { saveRequestSchema } from '../save/schema';

const fields = (schema: z.ZodType, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? [] : Object.keys(fieldErrors(r.error));
};
const KEY = fakePrivateKey('AAAA');

describe('the remaining schemas', () => {
  it.each<[string, z.ZodType, unknown, string[]]>([
    ['check overrides ok (a probe, or null = not checked)', checkOverridesSchema, [{ node: 'n', service: 's', healthCheck: { type: 'http', path: '/ok' } }, { node: 'n', service: 't', healthCheck: null }], []],
    ['check override: what a failure does stays the service\'s', checkOverridesSchema, [{ node: 'n', service: 's', healthCheck: { type: 'tcp', onFailure: 'quiesce' } }], ['0.healthCheck.onFailure']],
    ['check override: a path with a space', checkOverridesSchema, [{ node: 'n', service: 's', healthCheck: { type: 'http', path: '/a b' } }], ['0.healthCheck.path']],
    ['check override: 100 ms with one failure', checkOverridesSchema, [{ node: 'n', service: 's', healthCheck: { type: 'tcp', intervalMs: 100, fall: 1 } }], ['0.healthCheck.fall']],
    ['check override: healthCheck is required (null to leave it unchecked)', checkOverridesSchema, [{ node: 'n', service: 's' }], ['0.healthCheck']],
    ['setup ok', setupSchema, { username: 'admin', password: 'long enough' }, []],
    ['setup short password', setupSchema, { username: 'admin', password: 'short' }, ['password']],
    ['setup extra field', setupSchema, { username: 'admin', password: 'long enough', role: 'admin' }, ['role']],
    ['user update ok', userUpdateSchema, { role: 'viewer', disabled: true, locale: 'ko' }, []],
    ['user update bad locale', userUpdateSchema, { locale: 'jp' }, ['locale']],
    ['user update bad role', userUpdateSchema, { role: 'root' }, ['role']],
    ['persistence default netmask', persistenceSchema, { timeout: 360 }, []],
    ['persistence too long', persistenceSchema, { timeout: 2678401 }, ['timeout']],
    ['ssh with key', sshSchema, { host: '10.0.0.1', privateKey: KEY }, []],
    ['ssh key and password', sshSchema, { host: '10.0.0.1', privateKey: KEY, password: 'x' }, ['password']],
    ['ssh user uppercase', sshSchema, { host: '10.0.0.1', user: 'Root' }, ['user']],
    ['weights list ok', weightsSchema, [{ node: 'a', service: 'b', weight: 0 }], []],
    ['weights entry missing weight', weightsSchema, [{ node: 'a', service: 'b' }], ['0.weight']],
    ['save request defaults', saveRequestSchema, {}, []],
    ['save request bad nodes', saveRequestSchema, { nodes: 'all' }, ['nodes']],
    ['save request unknown field', saveRequestSchema, { force: true }, ['force']],
  ])('%s', (_label, schema, input, expected) => {
    expect(fields(schema, input)).toEqual(expected);
  });

  it('a model document needs its format, and a credential for every node', () => {
    expect(fields(modelDocumentSchema, { version: 1 })).toEqual(['format']);
    const node = { id: 'n1', name: 'Web01', address: '10.10.0.11', ssh: { host: '10.0.0.1' } };
    expect(fields(modelDocumentSchema, { format: 'lvs-console-model', version: 1, nodes: [node] })).toEqual(['nodes.0.credential']);
    expect(fields(modelDocumentSchema, { format: 'lvs-console-model', version: 1, nodes: [{ ...node, ssh: { host: '10.0.0.1', password: 'pw' } }] })).toEqual([]);
    expect(fields(modelDocumentSchema, { format: 'lvs-console-model', version: 1, nodes: [{ ...node, credential: { kind: 'key', sealed: 'plain text' } }] })).toEqual(['nodes.0.credential.sealed']);
  });
});
