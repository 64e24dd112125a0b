'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/button';
import { Notice, PageHeader } from '@/components/ui/page';
import { t, type Locale } from '@/lib/i18n';
import { NodeCard } from './node-card';
import { pinHostKey, streamSave, type LiveStatus, type NodeResultView, type SaveAnswerView } from './types';

interface Props {
  locale: Locale;
  nodes: Array<{ id: string; name: string }>;
  canTrust: boolean;
}

function SaveButtons({ locale, busy, run }: { locale: Locale; busy: 'plan' | 'apply' | null; run: (dryRun: boolean) => void }) {
  return (
    <div className="flex items-center gap-2">
      <Button onClick={() => run(true)} disabled={busy !== null} data-testid="save-plan">
        {busy === 'plan' ? t(locale, 'save.planning') : t(locale, 'save.plan')}
      </Button>
      <Button variant="primary" onClick={() => run(false)} disabled={busy !== null} data-testid="save-apply">
        {busy === 'apply' ? t(locale, 'save.applying') : t(locale, 'save.apply')}
      </Button>
    </div>
  );
}

export function SaveScreen({ locale, nodes, canTrust }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<Record<string, LiveStatus>>({});
  const [results, setResults] = useState<Record<string, NodeResultView>>({});
  const [answer, setAnswer] = useState<SaveAnswerView | null>(null);
  const [busy, setBusy] = useState<'plan' | 'apply' | null>(null);
  const [fixNat, setFixNat] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(dryRun: boolean, only?: string[]) {
    setBusy(dryRun ? 'plan' : 'apply');
    setError(null);
    setStatus((s) => ({ ...s, ...Object.fromEntries((only ?? nodes.map((n) => n.id)).map((id) => [id, 'pending' as const])) }));
    try {
      const result = await streamSave({ dryRun, fixNatGateway: fixNat, ...(only ? { nodes: only } : {}) }, (line) => {
        if ('progress' in line) setStatus((s) => ({ ...s, [line.progress.node]: line.progress.phase }));
      });
      setAnswer(result);
      const visible = only ? result.nodes.filter((n) => only.includes(n.node)) : result.nodes;
      setResults((r) => ({ ...r, ...Object.fromEntries(visible.map((n) => [n.node, n])) }));
      setStatus((s) => ({ ...s, ...Object.fromEntries(visible.map((n) => [n.node, n.status])) }));
      if (!dryRun) router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  }

  async function trust(nodeId: string, fingerprint: string) {
    const refused = await pinHostKey(nodeId, fingerprint);
    if (refused) return setError(refused);
    await run(true, [nodeId]);
  }

  const directorName = answer?.activeDirector ? nodes.find((n) => n.id === answer.activeDirector)?.name : null;
  return (
    <>
      <PageHeader
        title={t(locale, 'save.title')}
        intro={t(locale, 'save.intro')}
        actions={<SaveButtons locale={locale} busy={busy} run={run} />}
      />
      <label className="mb-3 flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={fixNat} onChange={(e) => setFixNat(e.target.checked)} />
        {t(locale, 'save.fixNatGateway')}
      </label>
      <div className="mb-3 space-y-2">
        {error && <Notice kind="error">{error}</Notice>}
        {answer && (directorName ? <Notice kind="info">{t(locale, 'save.director', { name: directorName })}</Notice> : <Notice kind="error">{t(locale, 'save.noDirector')}</Notice>)}
        {answer?.version != null && <Notice kind="ok">{t(locale, 'save.version', { version: String(answer.version) })}</Notice>}
      </div>
      <div className="grid gap-3">
        {nodes.map((n) => (
          <NodeCard
            key={n.id}
            locale={locale}
            result={results[n.id] ?? { node: n.id, name: n.name, roles: [], status: 'planned', steps: [] }}
            status={status[n.id] ?? 'pending'}
            director={answer?.activeDirector === n.id}
            onRetry={busy ? undefined : () => run(false, [n.id])}
            onTrust={canTrust && !busy ? (fp) => trust(n.id, fp) : undefined}
          />
        ))}
      </div>
    </>
  );
}
