/**
 * A small line chart of one measure over time, hand-rolled SVG: time on x (gaps where the node
 * did not answer stay gaps), value on y from 0 to the window's maximum.
 */
import type { HistoryPoint } from '@/lib/wire';

export function Sparkline({ points, pick, label, color, windowMs, now, gapMs }: {
  points: HistoryPoint[];
  pick: (p: HistoryPoint) => number;
  label: string;
  color: string;
  windowMs: number;
  now: number;
  gapMs: number;
}) {
  const W = 220;
  const H = 30;
  const from = now - windowMs;
  const shown = points.filter((p) => p.t >= from);
  const max = Math.max(1, ...shown.map(pick));
  const x = (t: number) => ((t - from) / windowMs) * W;
  const y = (v: number) => H - 1 - (v / max) * (H - 3);
  // Split into runs at gaps so an unknown stretch is not drawn as a straight line.
  const runs: string[] = [];
  let cur: string[] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p.t - shown[i - 1].t > gapMs) {
      if (cur.length) runs.push(cur.join(' '));
      cur = [];
    }
    cur.push(`${x(p.t).toFixed(1)},${y(pick(p)).toFixed(1)}`);
  });
  if (cur.length) runs.push(cur.join(' '));
  const last = shown.length ? pick(shown[shown.length - 1]) : null;
  return (
    <span className="inline-flex items-center gap-1.5" title={`${label}: ${last ?? '–'} (max ${max})`}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="rounded-sm bg-slate-50" role="img" aria-label={label} data-points={shown.length}>
        {runs.map((r, i) => (r.includes(' ') ? <polyline key={i} points={r} fill="none" stroke={color} strokeWidth={1.5} /> : <circle key={i} cx={r.split(',')[0]} cy={r.split(',')[1]} r={1.5} fill={color} />))}
      </svg>
      <span className="min-w-28 text-[11px] leading-tight text-slate-500">
        <span className="font-mono text-slate-700">{last === null ? '–' : Number.isInteger(last) ? last : last.toFixed(1)}</span> {label}
      </span>
    </span>
  );
}
