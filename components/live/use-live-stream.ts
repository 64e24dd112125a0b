'use client';
/**
 * The browser's side of the live view: one EventSource per open page (the server fans one poll
 * loop per node out to all of them). Keeps the latest object per node, a short client-side history
 * per real server for the charts (seeded once from /api/v1/live/history), and reconnects when the
 * stream drops.
 */
import { useEffect, useRef, useState } from 'react';
import { serviceRealServerKey } from '@/lib/ipvs/keys';
import type { HistoryPoint, HistorySeries, LiveNode, LiveSnapshot } from '@/lib/wire';

export const seriesKey = (node: string, service: string, address: string, port: number) => `${node} ${serviceRealServerKey(service, { address, port })}`;

const MAX_POINTS = 1_800;

export function useLiveStream(initial: LiveSnapshot) {
  const [nodes, setNodes] = useState<LiveNode[]>(initial.nodes);
  const [connected, setConnected] = useState(true);
  // Start from the snapshot's own newest time so the server render and the first client render agree.
  const [now, setNow] = useState(() => Math.max(0, ...initial.nodes.map((n) => (n.polledAt ? Date.parse(n.polledAt) : 0))));
  const history = useRef(new Map<string, HistoryPoint[]>());
  const seeded = useRef(false);
  const [historyVersion, setHistoryVersion] = useState(0);

  const record = (n: LiveNode) => {
    if (n.state !== 'up' || !n.polledAt) return;
    const t = Date.parse(n.polledAt);
    for (const s of n.services) {
      for (const rs of s.realServers) {
        const k = seriesKey(n.node, s.key, rs.address, rs.port);
        const arr = history.current.get(k) ?? [];
        if (arr.length && arr[arr.length - 1].t >= t) continue;
        arr.push({ t, activeConn: rs.activeConn, inactConn: rs.inactConn, cps: rs.cps });
        if (arr.length > MAX_POINTS) arr.splice(0, arr.length - MAX_POINTS);
        history.current.set(k, arr);
      }
    }
  };

  if (!seeded.current) {
    seeded.current = true;
    initial.nodes.forEach(record);
  }

  useEffect(() => {
    let closed = false;
    setNow(Date.now());
    // Seed the charts with what the server already holds (up to an hour), one request per node.
    for (const n of initial.nodes) {
      void fetch(`/api/v1/live/history?node=${encodeURIComponent(n.node)}`, { cache: 'no-store' })
        .then((r) => (r.ok ? r.json() : null))
        .then((body: { series: HistorySeries[] } | null) => {
          if (!body || closed) return;
          for (const s of body.series) {
            const k = seriesKey(n.node, s.service, s.address, s.port);
            const mine = history.current.get(k) ?? [];
            const firstMine = mine[0]?.t ?? Infinity;
            history.current.set(k, [...s.points.filter((p) => p.t < firstMine), ...mine]);
          }
          setHistoryVersion((v) => v + 1);
        })
        .catch(() => {});
    }

    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const open = () => {
      es = new EventSource('/api/v1/live/stream');
      es.addEventListener('open', () => setConnected(true));
      es.addEventListener('snapshot', (e) => {
        const snap = JSON.parse((e as MessageEvent<string>).data) as LiveSnapshot;
        snap.nodes.forEach(record);
        setNodes(snap.nodes);
        setHistoryVersion((v) => v + 1);
      });
      es.addEventListener('node', (e) => {
        const n = JSON.parse((e as MessageEvent<string>).data) as LiveNode;
        record(n);
        setNodes((cur) => (cur.some((c) => c.node === n.node) ? cur.map((c) => (c.node === n.node ? n : c)) : [...cur, n]));
        setHistoryVersion((v) => v + 1);
      });
      es.addEventListener('error', () => {
        setConnected(false);
        // EventSource retries by itself unless the server refused (closed); then we retry.
        if (es?.readyState === EventSource.CLOSED && !closed) {
          es.close();
          retry = setTimeout(open, 3_000);
        }
      });
    };
    open();
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      closed = true;
      es?.close();
      if (retry) clearTimeout(retry);
      clearInterval(tick);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const historyOf = (node: string, service: string, address: string, port: number) => history.current.get(seriesKey(node, service, address, port)) ?? [];
  const replaceNode = (n: LiveNode) => {
    record(n);
    setNodes((cur) => cur.map((c) => (c.node === n.node ? n : c)));
  };
  return { nodes, connected, now, historyOf, historyVersion, replaceNode };
}
