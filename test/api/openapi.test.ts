import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';

describe('openapi document', () => {
  it('describes every collection and the entity fields of the model', () => {
    const doc = openApiDocument();
    for (const p of ['/api/v1/services', '/api/v1/nodes/{id}', '/api/v1/node-groups', '/api/v1/virtual-nodes/{id}', '/api/v1/weights', '/api/v1/master-priority', '/api/v1/save-state', '/api/v1/setup', '/api/v1/tokens']) {
      expect(doc.paths).toHaveProperty([p]);
    }
    const service = doc.components.schemas.Service as { properties: Record<string, unknown> };
    expect(Object.keys(service.properties)).toEqual(expect.arrayContaining(['name', 'protocol', 'port', 'fwmark', 'scheduler', 'schedulerFlags', 'persistence', 'forwarding', 'tunnelType', 'upperThreshold', 'lowerThreshold']));
    expect(JSON.stringify(doc)).not.toMatch(/"type":"any"/);
  });
});
