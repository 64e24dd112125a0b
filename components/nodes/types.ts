import type { NodeModel } from '@/lib/cluster/model';

/** A node as the screens get it: the credential's kind only, never the secret. */
export type NodeView = NodeModel & { credential: 'key' | 'password' };
export interface Named {
  id: string;
  name: string;
}
