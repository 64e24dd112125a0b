'use client';
/** The live page: every polled node, directors (nodes with a table) first, kept current by the stream. */
import type { LiveSnapshot } from '@/lib/wire';
import type { AdminView } from '@/lib/admin-state/types';
import { t, type Locale } from '@/lib/i18n';
import { Notice, PageHeader } from '@/components/ui/page';
import { NodePanel } from './node-panel';
import { VipPanel, type FailoverView } from './vip-panel';
import { useLiveStream } from './use-live-stream';

export function LiveScreen({ locale, initial, canReapply, admin, failover }: { locale: Locale; initial: LiveSnapshot; canReapply: boolean; admin?: AdminView; failover?: FailoverView }) {
  const { nodes, connected, now, historyOf, replaceNode } = useLiveStream(initial);
  const names = Object.fromEntries(nodes.map((n) => [n.address, n.name]));
  const ordered = [...nodes].sort((a, b) => Number(b.services.length > 0) - Number(a.services.length > 0));
  return (
    <div>
      <PageHeader title={t(locale, 'live.title')} intro={t(locale, 'live.intro', { seconds: String(initial.intervalMs / 1000) })} />
      {!connected && <div className="mb-3"><Notice kind="info">{t(locale, 'live.streamLost')}</Notice></div>}
      {nodes.length === 0 && <Notice kind="info">{t(locale, 'live.noNodes')}</Notice>}
      {failover && <VipPanel locale={locale} failover={failover} nodes={nodes} />}
      <div className="space-y-3">
        {ordered.map((n) => (
          <NodePanel
            key={n.node}
            locale={locale}
            node={n}
            now={now}
            intervalMs={initial.intervalMs}
            canReapply={canReapply}
            history={(service, address, port) => historyOf(n.node, service, address, port)}
            onReapplied={replaceNode}
            names={names}
            admin={admin}
          />
        ))}
      </div>
    </div>
  );
}
