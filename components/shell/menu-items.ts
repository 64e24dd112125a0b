import type { Role } from '@/lib/cluster/primitives';
import type { MessageKey } from '@/lib/i18n';

export interface MenuItem {
  href: string;
  label: MessageKey;
}

export interface MenuSection {
  title: MessageKey;
  items: MenuItem[];
}

/** Cluman's left frame, in its order; users and the audit log are for admins only. */
export function menuFor(role: Role): MenuSection[] {
  const sections: MenuSection[] = [
    {
      title: 'nav.model',
      items: [
        { href: '/services', label: 'nav.services' },
        { href: '/nodes', label: 'nav.nodes' },
        { href: '/node-groups', label: 'nav.nodeGroups' },
        { href: '/virtual-nodes', label: 'nav.virtualNodes' },
      ],
    },
    {
      title: 'nav.operate',
      items: [
        { href: '/cluster', label: 'nav.cluster' },
        { href: '/master', label: 'nav.master' },
        { href: '/weights', label: 'nav.weights' },
        { href: '/live', label: 'nav.live' },
        { href: '/history', label: 'nav.history' },
        { href: '/events', label: 'nav.events' },
      ],
    },
  ];
  if (role === 'admin') sections.push({ title: 'nav.admin', items: [{ href: '/users', label: 'nav.users' }, { href: '/audit', label: 'nav.audit' }, { href: '/alerts', label: 'nav.alerts' }] });
  sections.push({ title: 'nav.account', items: [{ href: '/tokens', label: 'nav.tokens' }] });
  return sections;
}
