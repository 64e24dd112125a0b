/** The OpenAPI paths and schemas of events and alerts (issue 9), from the schemas the API validates with. */
import { z } from 'zod';
import { AlertTestBody, AlertsPut, EVENT_KINDS } from '../alerts/schemas';
import { DoctorRequest } from '../doctor/target';
import { AdminStatePut } from '../admin-state/types';

const schema = (s: z.ZodType) => {
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};
const json = (s: object) => ({ content: { 'application/json': { schema: s } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const query = (name: string, description: string, s: object = { type: 'string' }) => ({ name, in: 'query', required: false, description, schema: s });

export const eventSchemas = {
  Event: {
    type: 'object',
    required: ['id', 'at', 'kind', 'node', 'detail'],
    properties: {
      id: { type: 'integer' }, at: { type: 'string', format: 'date-time', description: 'node events: the node\'s own clock' },
      kind: { type: 'string', examples: [...EVENT_KINDS] }, node: { type: 'string', description: 'node id' },
      service: { type: 'string', description: 'service id, resolved from the last saved model' },
      realServer: { type: 'string', description: 'node id of the real server' },
      detail: { type: 'object', additionalProperties: true, description: 'the raw fields, check output, doctor report' },
    },
  },
  AlertsPut: schema(AlertsPut),
  AlertTest: schema(AlertTestBody),
  DoctorRequest: schema(DoctorRequest),
  AdminStatePut: schema(AdminStatePut),
};

export function eventPaths(errors: object) {
  return {
    '/api/v1/nodes/{id}/admin-state': {
      get: { summary: 'Drain and maintenance rows of a node (viewers and up)', responses: { 200: { description: '{node, states: [{service, state, since, deadlineAt, drainedAt, outcome}]}' }, ...errors } },
      put: {
        summary: 'Active / Drain / Maintenance for a node or one of its services: weight 0 on every director, applied at once by save state (409 while the model has other unsaved changes). A drain ends when ActiveConn, InActConn and persistence templates reach 0, or at its deadline (default 600 s): drain-started and drain-done events. Maintenance also silences the server\'s check alerts. Operators and up',
        requestBody: json(ref('AdminStatePut')),
        responses: { 200: { description: '{node, service, state, deadlineAt, save: {version, activeDirector, nodes}}' }, ...errors },
      },
    },
    '/api/v1/live': {
      get: {
        summary: 'The kernels\' tables as last polled: {intervalMs, nodes: [{node, name, state: up|unknown, polledAt, lastSeen, services: [{key, realServers: [{address, port, weight, activeConn, inactConn, health: up|down|unknown, healthSince, heldOut}]}], drift, keepalived, vrrp}], vips}. vips (failover on): [{vip, virtualNode, holder: nodeId|null, since, states: {nodeId: master|backup|fault|unknown}, splitBrain}], read from the candidates; a node that does not answer is unknown, never its last state',
        responses: { 200: { description: 'OK' }, ...errors },
      },
    },
    '/api/v1/live/doctor': {
      post: {
        summary: 'Why is a real server down: reads it over SSH (listen sockets, VIP, ARP, tunnel, gateway) and sends its check from the director. One finding per check, each with a remedy in English and Korean (operators and up)',
        requestBody: json(ref('DoctorRequest')),
        responses: { 200: { description: '{node, service, at, findings: [{code, ok, detail, remedy: {en, ko}}]}' }, ...errors },
      },
    },
    '/api/v1/events': {
      get: {
        summary: 'Health events, oldest first: with since, the first limit from then on; without, the newest limit (viewers and up)',
        parameters: [
          query('since', 'ISO 8601 time', { type: 'string', format: 'date-time' }), query('until', 'ISO 8601 time', { type: 'string', format: 'date-time' }),
          query('kind', 'event kinds, comma-separated or repeated'), query('node', 'node id'), query('limit', '1–1000, default 200', { type: 'integer', minimum: 1, maximum: 1000 }),
        ],
        responses: { 200: { description: 'OK', ...json({ type: 'object', properties: { events: { type: 'array', items: ref('Event') } } }) }, ...errors },
      },
    },
    '/api/v1/alerts': {
      get: { summary: 'Alert channels (secrets never returned: secretSet says whether one is stored) and the delivery log; admins', responses: { 200: { description: '{channels, deliveries}' }, ...errors } },
      put: { summary: 'Replace all channels; an existing channel (by id) sent without its secret/password keeps the stored one; admins', requestBody: json(ref('AlertsPut')), responses: { 200: { description: '{channels}' }, ...errors } },
    },
    '/api/v1/alerts/test': {
      post: { summary: 'Send a test alert over a channel (id or name) now; answers {ok, error?}; admins', requestBody: json(ref('AlertTest')), responses: { 200: { description: '{ok, error?}' }, ...errors } },
    },
  };
}
