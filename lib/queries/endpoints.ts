/** SSH endpoints of nodes, with credentials opened from their sealed form. Server-only, never serialised. */
import type { SshEndpoint } from '../ssh';
import { db } from '../db';
import { openSecret } from '../secrets';

export async function loadEndpoints(): Promise<Map<string, SshEndpoint>> {
  const rows = await db.node.findMany();
  return new Map(
    rows.map((n) => {
      const secret = openSecret(n.credentialSealed);
      const credential = n.credentialKind === 'password' ? { kind: 'password' as const, password: secret } : { kind: 'key' as const, privateKey: secret };
      return [n.id, { host: n.sshHost, port: n.sshPort, user: n.sshUser, hostKeyFingerprint: n.hostKeyFingerprint, credential }];
    }),
  );
}
