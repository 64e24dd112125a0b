/**
 * The OpenAPI document, generated from the same zod schemas the API validates with, so the
 * documentation cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { checkOverridesSchema, masterPrioritySchema, nodeGroupSchema, nodeSchema, serviceSchema, setupSchema, userCreateSchema, userUpdateSchema, virtualNodeSchema, weightsSchema } from '../cluster/schemas';
import { saveRequestSchema } from '../save/schema';
import { eventPaths, eventSchemas } from './openapi-events';

const schema = (s: z.ZodType) => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (s: object) => ({ content: { 'application/json': { schema: s } } });
const errors = {
  400: { description: 'Invalid input: {error, fields: {field: message}}; nothing was written', ...json(ref('ValidationError')) },
  401: { description: 'No or bad credentials' },
  403: { description: 'Your role does not allow this' },
  404: { description: 'No such object' },
  409: { description: 'Conflict: says what refers to what', ...json(ref('Error')) },
};

function collection(tag: string, name: string) {
  const item = { ...ref(name), description: `${name} with its id` };
  return {
    [`/api/v1/${tag}`]: {
      get: { tags: [tag], summary: `List ${tag}`, responses: { 200: { description: 'OK', ...json({ type: 'array', items: item }) }, ...errors } },
      post: { tags: [tag], summary: `Create a ${name}`, requestBody: json(ref(name)), responses: { 201: { description: 'Created, with its id', ...json(item) }, ...errors } },
    },
    [`/api/v1/${tag}/{id}`]: {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: { tags: [tag], responses: { 200: { description: 'OK', ...json(item) }, ...errors } },
      put: { tags: [tag], summary: 'Update: the body is merged onto the current object, then validated whole', requestBody: json(ref(name)), responses: { 200: { description: 'OK', ...json(item) }, ...errors } },
      delete: { tags: [tag], responses: { 204: { description: 'Deleted' }, ...errors } },
    },
  };
}

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'LVS Console API', version: '1', description: 'Bearer tokens come from POST /api/v1/tokens with HTTP Basic credentials and carry their creator\'s role (viewer, operator, admin).' },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic' } },
      schemas: {
        Service: schema(serviceSchema), Node: schema(nodeSchema), NodeGroup: schema(nodeGroupSchema), VirtualNode: schema(virtualNodeSchema),
        Weights: schema(weightsSchema), CheckOverrides: schema(checkOverridesSchema), MasterPriority: schema(masterPrioritySchema), Setup: schema(setupSchema),
        UserCreate: schema(userCreateSchema), UserUpdate: schema(userUpdateSchema), SaveRequest: schema(saveRequestSchema),
        Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] },
        ...eventSchemas,
        ValidationError: { type: 'object', properties: { error: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } }, required: ['error', 'fields'] },
      },
    },
    paths: {
      '/api/v1/setup': { post: { security: [], summary: 'Create the first admin (409 once any user exists)', requestBody: json(ref('Setup')), responses: { 201: { description: 'Created' }, ...errors } } },
      '/api/v1/tokens': {
        get: { summary: 'Your tokens: id, name, createdAt, expiresAt, lastUsedAt, expired (never the token)', responses: { 200: { description: 'OK' }, ...errors } },
        post: { security: [{ basic: [] }, { bearer: [] }], summary: 'A new bearer token {id, token, expiresAt}, shown once; optional body {name, expiresInDays}', responses: { 201: { description: 'Created', ...json({ type: 'object', properties: { id: { type: 'string' }, token: { type: 'string' }, expiresAt: { type: ['string', 'null'] } } }) }, ...errors } },
      },
      '/api/v1/tokens/{id}': { delete: { summary: 'Revoke a token (yours; an admin: anyone\'s)', responses: { 204: { description: 'Revoked' }, ...errors } } },
      ...collection('services', 'Service'),
      ...collection('nodes', 'Node'),
      ...collection('node-groups', 'NodeGroup'),
      ...collection('virtual-nodes', 'VirtualNode'),
      '/api/v1/weights': {
        get: { summary: 'All weights as [{node, service, weight}] (absent pairs weigh 1)', responses: { 200: { description: 'OK', ...json(ref('Weights')) } } },
        put: { summary: 'Set the listed weights (others keep theirs); operators and admins', requestBody: json(ref('Weights')), responses: { 200: { description: 'OK' }, ...errors } },
      },
      '/api/v1/check-overrides': {
        get: { summary: 'Per-node health checks as [{node, service, healthCheck}]; healthCheck null = not checked on that node (absent pairs use the service\'s check)', responses: { 200: { description: 'OK', ...json(ref('CheckOverrides')) } } },
        put: { summary: 'Replace every per-node check (admins); the node must run the service and the service must have a check (409 otherwise)', requestBody: json(ref('CheckOverrides')), responses: { 200: { description: 'OK' }, ...errors } },
      },
      '/api/v1/switchover': {
        post: {
          summary: 'Planned switchover (failover on; operators and up): raise the target candidate\'s VRRP priority above the others (and, without preempt, have the holder yield until the target holds the VIP), wait until the target\'s kernel holds it; the sync daemon keeps established connections. Audited. 409 when failover is off, the target does not answer, or two candidates hold the VIP',
          requestBody: json({ type: 'object', properties: { virtualNode: { type: 'string' }, to: { type: 'string' } }, required: ['virtualNode', 'to'], additionalProperties: false }),
          responses: { 200: { description: '{virtualNode, vip, from, to, tookMs, changed}' }, ...errors },
        },
      },
      '/api/v1/master-priority': {
        get: { responses: { 200: { description: 'OK', ...json(ref('MasterPriority')) } } },
        put: { requestBody: json(ref('MasterPriority')), responses: { 200: { description: 'OK' }, ...errors } },
      },
      '/api/v1/users': { get: { summary: 'Admins only', responses: { 200: { description: 'OK' }, ...errors } }, post: { requestBody: json(ref('UserCreate')), responses: { 201: { description: 'Created' }, ...errors } } },
      '/api/v1/users/{id}': { put: { requestBody: json(ref('UserUpdate')), responses: { 200: { description: 'OK' }, ...errors } } },
      '/api/v1/export': { get: { summary: 'The whole model as one document (credentials sealed with this console\'s key)', responses: { 200: { description: 'OK' } } } },
      '/api/v1/import': { post: { summary: 'Replace the whole model with a document; validated first, applied whole or not at all', responses: { 200: { description: 'OK' }, ...errors } } },
      '/api/v1/audit': { get: { summary: 'Audit log (admins); filters actor, entity, action, limit', responses: { 200: { description: 'OK' } } } },
      '/api/v1/save-state': { post: { summary: 'Render, plan and (unless dryRun) apply; Accept: application/x-ndjson streams progress', requestBody: json(ref('SaveRequest')), responses: { 200: { description: '{version, activeDirector, nodes: [{node, name, roles, status: applied|unchanged|failed|planned, steps, error: {code, message}}]}' }, ...errors } } },
      '/api/v1/versions': { get: { summary: 'Save history', responses: { 200: { description: 'OK' } } } },
      '/api/v1/versions/{id}': { get: { summary: 'One version: model, rendered config, plan, results', responses: { 200: { description: 'OK' }, ...errors } } },
      '/api/v1/versions/diff': { get: { summary: 'Diff of two versions (?from=&to=)', responses: { 200: { description: 'OK' }, ...errors } } },
      ...eventPaths(errors),
      '/api/v1/versions/{id}/revert': { post: { summary: 'Restore a version\'s model and save it as a new version', responses: { 200: { description: 'OK' }, ...errors } } },
    },
  };
}
