'use client';
/** One node: its state badge, its table (or why there is none), drift and the connection view. */
import { useState } from 'react';
import type { HistoryPoint, LiveNode } from '@/lib/wire';
import type { AdminView } from '@/lib/admin-state/types';
import { t, type Locale, type MessageKey } from '@/lib/i18n';
import { Button } from '@/components/ui/button';
import { ConnectionsView } from './connections-view';
import { DriftPanel } from './drift-panel';
import { IpvsTable } from './ipvs-table';

/** UTC like the rest of the console (audit log), and identical on the server and in the browser. */
const hhmmss = (iso: string) => `${new Date(iso).toLocaleTimeString('en-GB', { hour12: false, timeZone: 'UTC' })} UTC`;

/** Green only for an answer within two intervals: a dead node, or a stalled stream, is never green. */
export function isFresh(n: LiveNode, now: number, intervalMs: number): boolean {
  return n.state === 'up' && n.polledAt !== null && now - Date.parse(n.polledAt) <= 2 * intervalMs;
}

export function NodePanel({ locale, node, now, intervalMs, canReapply, history, onReapplied, names, admin }: {
  locale: Locale;
  node: LiveNode;
  now: number;
  intervalMs: number;
  canReapply: boolean;
  history: (service: string, address: string, port: number) => HistoryPoint[];
  onReapplied: (n: LiveNode) => void;
  names: Record<string, string>; // address -> node name
  admin?: AdminView;
}) {
  const [showConns, setShowConns] = useState(false);
  const fresh = isFresh(node, now, intervalMs);
  const since = node.lastSeen ? t(locale, 'live.unknownSince', { time: hhmmss(node.lastSeen) }) : t(locale, 'live.neverSeen');
  return (
    <section
      className={`rounded border bg-white ${fresh ? 'border-slate-200' : 'border-slate-300 bg-slate-50'}`}
      data-node={node.name}
      data-state={fresh ? 'up' : 'unknown'}
    >
      <header className={`flex flex-wrap items-center gap-3 px-3 py-2 ${fresh ? "border-b border-slate-200" : ""}`}>
        <span className={`inline-block h-2.5 w-2.5 rounded-full ${fresh ? 'bg-emerald-500' : 'bg-slate-400'}`} aria-hidden />
        <h2 className={`text-sm font-semibold ${fresh ? 'text-slate-900' : 'text-slate-500'}`}>{node.name}</h2>
        <span className="font-mono text-[12.5px] text-slate-500">{node.address}</span>
        {fresh ? (
          <span className="rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800" data-badge="up">{t(locale, 'live.state.up')}</span>
        ) : (
          <span className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700" data-badge="unknown">{since}</span>
        )}
        {fresh && node.keepalived && (
          <span data-keepalived={node.keepalived.running ? 'running' : 'stopped'}
            className={`rounded px-1.5 py-0.5 text-xs ${node.keepalived.running ? 'bg-slate-100 text-slate-700' : 'bg-red-100 font-medium text-red-800'}`}>
            {t(locale, node.keepalived.running ? 'live.keepalived.running' : 'live.keepalived.stopped')}
          </span>
        )}
        {!fresh && node.error && <span className="text-xs text-slate-500" title={node.error.message} data-error-code={node.error.code}>{t(locale, `live.err.${node.error.code}` as MessageKey)}</span>}
        <span className="ml-auto text-xs text-slate-400">{node.polledAt && fresh ? t(locale, 'live.polledAt', { time: hhmmss(node.polledAt) }) : ''}</span>
        {fresh && node.services.length > 0 && (
          <Button variant="ghost" onClick={() => setShowConns(!showConns)} data-action="connections">
            {showConns ? t(locale, 'live.conn.hide') : t(locale, 'live.conn.show')}
          </Button>
        )}
      </header>
      {fresh && (
        <div className="px-3 py-2">
          {node.services.length === 0 ? (
            <p className="text-xs text-slate-500">{node.ipvsLoaded ? t(locale, 'live.noTable') : t(locale, 'live.ipvsNotLoaded')}</p>
          ) : (
            <IpvsTable locale={locale} services={node.services} history={history} now={now} intervalMs={intervalMs} canDoctor={canReapply} admin={admin} />
          )}
          <DriftPanel locale={locale} node={node} canReapply={canReapply} onReapplied={onReapplied} />
          {showConns && <ConnectionsView locale={locale} node={node.node} intervalMs={intervalMs} names={names} />}
        </div>
      )}
    </section>
  );
}
