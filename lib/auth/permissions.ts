/** Who may do what. Viewers read; operators also change weights and save state; admins do everything. */
import type { Role } from '../cluster/primitives';
import { forbidden } from '../errors';

export type Permission = 'read' | 'edit-weights' | 'save-state' | 'edit-model' | 'manage-users' | 'read-audit';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  operator: ['read', 'edit-weights', 'save-state'],
  admin: ['read', 'edit-weights', 'save-state', 'edit-model', 'manage-users', 'read-audit'],
};

export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  locale: 'en' | 'ko';
}

export function can(user: Pick<SessionUser, 'role'>, permission: Permission): boolean {
  return GRANTS[user.role].includes(permission);
}

export function assertCan(user: Pick<SessionUser, 'role'>, permission: Permission): void {
  if (!can(user, permission)) throw forbidden(`role ${user.role} may not ${permission.replace('-', ' ')}`);
}
