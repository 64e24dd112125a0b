/**
 * One node's table in ipvsadm's own layout (`ipvsadm -Ln`), monospace, with the node name beside
 * each real server address and, per real server, the cumulative Conns, the CPS rate and two small
 * charts over time.
 */
import { Fragment } from 'react';
import type { HistoryPoint, LiveService } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { realServerKey } from '@/lib/ipvs/keys';
import { Sparkline } from './sparkline';
import { DoctorButton } from './doctor-button';
import { AdminStateControl } from '@/components/admin-state/admin-state-control';
import { AdminStateNote } from '@/components/admin-state/admin-state-note';
import { effectiveState } from '@/lib/admin-state/apply';
import type { AdminView } from '@/lib/admin-state/types';

const FORWARD: Record<string, string> = { dr: 'Route', nat: 'Masq', tun: 'Tunnel' };
const PROTO: Record<string, string> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP', fwmark: 'FWM' };

export function serviceLine(s: LiveService): string {
  const where = s.protocol === 'fwmark' ? String(s.fwmark) : `${s.vip}:${s.port}`;
  const extra = [...s.flags.filter((f) => f !== 'ops').map((f) => f), s.persistence ? `persistent ${s.persistence.timeout}${s.persistence.netmask ? ` mask ${s.persistence.netmask}` : ''}` : '', s.flags.includes('ops') ? 'ops' : ''].filter(Boolean);
  return `${PROTO[s.protocol] ?? s.protocol.toUpperCase()}  ${where} ${s.scheduler}${extra.length ? ` ${extra.join(' ')}` : ''}`;
}

const th = 'px-2 py-0.5 text-left font-normal whitespace-pre text-slate-500';
const td = 'px-2 py-0.5 whitespace-pre align-middle';

const HEALTH_STYLE: Record<string, string> = {
  up: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  down: 'bg-red-50 text-red-800 ring-red-300',
  unknown: 'bg-amber-50 text-amber-900 ring-amber-300',
};

/** keepalived's verdict on a checked real server; only "up" is green. */
function HealthBadge({ locale, rs }: { locale: Locale; rs: LiveService['realServers'][number] }) {
  const h = rs.health ?? 'unknown';
  const since = rs.healthSince ? ` ${t(locale, 'live.health.since', { time: new Date(rs.healthSince).toLocaleTimeString(locale) })}` : '';
  const title = rs.heldOut ? t(locale, 'live.health.heldOut') : undefined;
  return (
    <span title={title} data-health-badge={h} className={`ml-2 rounded px-1.5 py-px font-sans text-[11px] ring-1 ${HEALTH_STYLE[h]}`}>
      {t(locale, `live.health.${h}`)}{h !== 'up' ? since : ''}{rs.heldOut ? ` · ${t(locale, 'live.health.heldOut')}` : ''}
    </span>
  );
}

/** Drain / maintenance of one row: its note (a drain's connections left, from this row) and the one-click control. */
function AdminRow({ locale, admin, rs, service }: { locale: Locale; admin: AdminView; rs: LiveService['realServers'][number]; service: string }) {
  const nodeId = rs.node ? admin.nodeIds[rs.node] : undefined;
  const serviceId = admin.serviceIds[service];
  if (!nodeId || !serviceId || !rs.node) return null;
  const record = effectiveState(admin.states, nodeId, serviceId);
  const left = rs.activeConn + rs.inactConn + (rs.persistConn ?? 0);
  return (
    <span className="flex flex-wrap items-center gap-2">
      {admin.canChange && <AdminStateControl locale={locale} nodeId={nodeId} nodeName={rs.node} serviceId={serviceId} state={record?.state ?? 'active'} draining={record?.state === 'drain' && !record.drainedAt} />}
      <AdminStateNote locale={locale} record={record} left={left} />
    </span>
  );
}

export function IpvsTable({ locale, services, history, now, intervalMs, canDoctor = false, admin }: {
  locale: Locale;
  admin?: AdminView;
  canDoctor?: boolean; // operators and up: the doctor opens SSH sessions
  services: LiveService[];
  history: (service: string, address: string, port: number) => HistoryPoint[];
  now: number;
  intervalMs: number;
}) {
  // The charts span what is known, from 2 minutes up to the hour the server keeps.
  let oldest = now;
  for (const s of services) for (const rs of s.realServers) oldest = Math.min(oldest, history(s.key, rs.address, rs.port)[0]?.t ?? now);
  const windowMs = Math.min(3_600_000, Math.max(120_000, Math.ceil((now - oldest) / 60_000) * 60_000));
  return (
    <div className="overflow-x-auto">
      <table className="font-mono text-[12.5px] leading-5 text-slate-800" data-ipvs-table>
        <thead>
          <tr><th className={th} colSpan={7}>Prot LocalAddress:Port Scheduler Flags</th></tr>
          <tr>
            <th className={th}>{'  -> RemoteAddress:Port'}</th>
            <th className={th}>Forward</th>
            <th className={`${th} text-right`}>Weight</th>
            <th className={`${th} text-right`}>ActiveConn</th>
            <th className={`${th} text-right`}>InActConn</th>
            <th className={`${th} text-right`}>Conns</th>
            <th className={`${th} text-right`}>CPS</th>
          </tr>
        </thead>
        {services.map((s) => (
          <tbody key={s.key} data-service={s.key} className="border-t border-slate-100">
            <tr>
              <td className={`${td} font-semibold`} colSpan={5}>{serviceLine(s)}</td>
              <td className={`${td} text-right text-slate-500`}>{s.conns}</td>
              <td className={`${td} text-right text-slate-500`}>{s.cps}</td>
            </tr>
            {s.realServers.map((rs) => {
              const points = history(s.key, rs.address, rs.port);
              return (
                <Fragment key={realServerKey(rs)}>
                  <tr data-rs={realServerKey(rs)} data-rs-node={rs.node ?? ''} data-health={rs.health ?? ''} className={rs.heldOut ? 'text-slate-400' : undefined}>
                    <td className={td}>
                      {`  -> ${realServerKey(rs)}`}
                      {rs.node && <span className="ml-2 font-sans text-xs text-sky-700">{rs.node}</span>}
                      {rs.health && <HealthBadge locale={locale} rs={rs} />}
                    </td>
                    <td className={td}>{FORWARD[rs.forward] ?? rs.forward}</td>
                    <td className={`${td} text-right`} data-col="weight">{rs.weight}</td>
                    <td className={`${td} text-right`} data-col="active">{rs.activeConn}</td>
                    <td className={`${td} text-right`} data-col="inactive">{rs.inactConn}</td>
                    <td className={`${td} text-right`} data-col="conns">{rs.conns}</td>
                    <td className={`${td} text-right`} data-col="cps">{rs.cps}</td>
                  </tr>
                  <tr data-rs-charts={realServerKey(rs)}>
                    <td colSpan={7} className="px-2 pb-1.5 pl-9 font-sans">
                      {/* Zero-width box: the charts overflow visibly instead of widening the ipvsadm columns. */}
                      <div className="w-0 min-w-full overflow-visible">
                      <span className="flex w-max items-center gap-4">
                        <Sparkline points={points} pick={(p) => p.activeConn} label={t(locale, 'live.chart.active')} color="#0369a1" windowMs={windowMs} now={now} gapMs={intervalMs * 2.5} />
                        <Sparkline points={points} pick={(p) => p.cps} label={t(locale, 'live.chart.cps')} color="#059669" windowMs={windowMs} now={now} gapMs={intervalMs * 2.5} />
                        <span className="text-[11px] text-slate-400">{t(locale, 'live.chart.window', { minutes: String(Math.round(windowMs / 60_000)) })}</span>
                      </span>
                      </div>
                      {canDoctor && rs.node
                        ? <DoctorButton locale={locale} node={rs.node} service={s.key}>{admin && <AdminRow locale={locale} admin={admin} rs={rs} service={s.key} />}</DoctorButton>
                        : admin && <div className="mt-1"><AdminRow locale={locale} admin={admin} rs={rs} service={s.key} /></div>}
                    </td>
                  </tr>
                </Fragment>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}
