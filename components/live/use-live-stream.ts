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

type Rings = Map<string, HistoryPoint[]>;

/** Adds a node's newest answer to the client-side rings (once per poll time). */
function recordNode(history: Rings, n: LiveNode): void {
  if (n.state !== 'up' || !n.polledAt) return;
  const t = Date.parse(n.polledAt);
  for (const s of n.services) {
    for (const rs of s.realServers) {
      const k = seriesKey(n.node, s.key, rs.address, rs.port);
      const arr = history.get(k) ?? [];
      if (arr.length && arr[arr.length - 1].t >= t) continue;
      arr.push({ t, activeConn: rs.activeConn, inactConn: rs.inactConn, cps: rs.cps });
      if (arr.length > MAX_POINTS) arr.splice(0, arr.length - MAX_POINTS);
      history.set(k, arr);
    }
  }
}

/** Puts what the server already holds (up to an hour) in front of what the page recorded itself. */
function seedRings(history: Rings, node: string, series: HistorySeries[]): void {
  for (const s of series) {
    const k = seriesKey(node, s.service, s.address, s.port);
    const mine = history.get(k) ?? [];
    const firstMine = mine[0]?.t ?? Infinity;
    history.set(k, [...s.points.filter((p) => p.t < firstMine), ...mine]);
  }
}

/** The SSE stream, reopened after the server closed it; returns the close function. */
function openLiveStream(on: { connected: (up: boolean) => void; snapshot: (s: LiveSnapshot) => void; node: (n: LiveNode) => void }): () => void {
  let closed = false;
  let es: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const open = () => {
    es = new EventSource('/api/v1/live/stream');
    es.addEventListener('open', () => on.connected(true));
    es.addEventListener('snapshot', (e) => on.snapshot(JSON.parse((e as MessageEvent<string>).data) as LiveSnapshot));
    es.addEventListener('node', (e) => on.node(JSON.parse((e as MessageEvent<string>).data) as LiveNode));
    es.addEventListener('error', () => {
      on.connected(false);
      // EventSource retries by itself unless the server refused (closed); then we retry.
      if (es?.readyState === EventSource.CLOSED && !closed) {
        es.close();
        retry = setTimeout(open, 3_000);
      }
    });
  };
  open();
  return () => {
    closed = true;
    es?.close();
    if (retry) clearTimeout(retry);
  };
}

export function useLiveStream(initial: LiveSnapshot) {
  const [nodes, setNodes] = useState<LiveNode[]>(initial.nodes);
  const [connected, setConnected] = useState(true);
  // Start from the snapshot's own newest time so the server render and the first client render agree.
  const [now, setNow] = useState(() => Math.max(0, ...initial.nodes.map((n) => (n.polledAt ? Date.parse(n.polledAt) : 0))));
  const history = useRef(new Map<string, HistoryPoint[]>());
  const seeded = useRef(false);
  const [historyVersion, setHistoryVersion] = useState(0);

  const record = (n: LiveNode) => recordNode(history.current, n);

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
          seedRings(history.current, n.node, body.series);
          setHistoryVersion((v) => v + 1);
        })
        .catch(() => {});
    }

    const closeStream = openLiveStream({
      connected: setConnected,
      snapshot(snap) {
        snap.nodes.forEach(record);
        setNodes(snap.nodes);
        setHistoryVersion((v) => v + 1);
      },
      node(n) {
        record(n);
        setNodes((cur) => (cur.some((c) => c.node === n.node) ? cur.map((c) => (c.node === n.node ? n : c)) : [...cur, n]));
        setHistoryVersion((v) => v + 1);
      },
    });
    const tick = setInterval(() => setNow(Date.now()), 1_000);
    return () => {
      closed = true;
      closeStream();
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
