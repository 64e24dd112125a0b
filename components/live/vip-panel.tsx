'use client';
/**
 * Who holds each VIP (failover on), from the candidates' latest answers: the holder, since when,
 * each candidate's VRRP state, and a red alarm when two hold it, once confirmed (lib/monitor/vips:
 * both answered again still holding it, so a takeover seen out of step is no alarm). Recomputed
 * on every stream update.
 */
import { useMemo, useRef } from 'react';
import type { ClusterModel } from '@/lib/cluster/model';
import type { LiveNode, LiveSnapshot, LiveVip } from '@/lib/wire';
import { liveVips, noSplitBrain, splitBrainStarts } from '@/lib/monitor/vips';
import { t, type Locale } from '@/lib/i18n';
import { Badge, Card, Notice } from '@/components/ui/page';
import { Mono } from '@/components/ui/table';
import { useLiveStream } from './use-live-stream';
import { SwitchoverButton, SwitchoverStatus } from './switchover-button';

export type FailoverView = Pick<ClusterModel, 'virtualNodes' | 'masterPriority'> & { names: Record<string, string>; canSwitch: boolean };

const TONE: Record<LiveVip['states'][string], 'emerald' | 'slate' | 'red'> = { master: 'emerald', backup: 'slate', fault: 'red', unknown: 'slate' };

/** The VIPs whose split brain is confirmed, carried across stream updates (idempotent for one update). */
function useConfirmedSplitBrains(vips: LiveVip[] | undefined, nodes: LiveNode[]): ReadonlySet<string> {
  const watch = useRef(noSplitBrain());
  return useMemo(() => {
    const r = splitBrainStarts(vips ?? [], new Map(nodes.map((n) => [n.node, n.polledAt])), watch.current);
    watch.current = r.watch;
    return r.watch.open;
  }, [vips, nodes]);
}

export function VipPanel({ locale, failover, nodes }: { locale: Locale; failover: FailoverView; nodes: LiveNode[] }) {
  const vips = useMemo(() => liveVips(failover, nodes), [failover, nodes]);
  const confirmed = useConfirmedSplitBrains(vips, nodes);
  if (!vips) return null;
  const name = (id: string) => failover.names[id] ?? id;
  const vnName = (id: string) => failover.virtualNodes.find((v) => v.id === id)?.name ?? id;
  return (
    <Card title={t(locale, 'live.vip.title')} className="mb-3">
      <ul className="flex flex-col gap-2">
        {vips.map((v) => (
          <li key={v.vip} className="flex flex-col gap-1 text-sm" data-vip={v.vip} data-holder={v.holder ?? ''}>
            {v.splitBrain && confirmed.has(v.vip) && (
              <Notice kind="error">
                {t(locale, 'live.vip.splitBrain', { vip: v.vip, nodes: Object.entries(v.states).filter(([, s]) => s === 'master').map(([id]) => name(id)).join(', ') })}
              </Notice>
            )}
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{vnName(v.virtualNode)}</span>
              <Mono>{v.vip}</Mono>
              <span className="text-slate-600">
                {v.holder
                  ? t(locale, 'live.vip.heldBy', { node: name(v.holder) }) + (v.since ? ` · ${t(locale, 'live.health.since', { time: v.since.replace('T', ' ').slice(0, 19) })}` : '')
                  : t(locale, 'live.vip.nobody')}
              </span>
              <SwitchoverStatus locale={locale} virtualNode={v.virtualNode} />
            </div>
            <div className="flex flex-wrap gap-1.5">
              {failover.masterPriority.nodes.map((id) => (
                <span key={id} data-vrrp-state={v.states[id]} className="inline-flex items-center gap-1">
                  <span className="text-xs text-slate-600">{name(id)}</span>
                  <Badge tone={TONE[v.states[id] ?? 'unknown']}>{t(locale, `live.vrrp.${v.states[id] ?? 'unknown'}`)}</Badge>
                  {failover.canSwitch && v.states[id] === 'backup' && !v.splitBrain && <SwitchoverButton locale={locale} virtualNode={v.virtualNode} to={id} toName={name(id)} />}
                </span>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The VIP panel on its own, kept current by the live stream (the Cluster page). Adds no polls. */
export function LiveVips({ locale, initial, failover }: { locale: Locale; initial: LiveSnapshot; failover: FailoverView }) {
  const { nodes } = useLiveStream(initial);
  return <VipPanel locale={locale} failover={failover} nodes={nodes} />;
}
