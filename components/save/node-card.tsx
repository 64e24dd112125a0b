'use client';

import { Badge, Card } from '@/components/ui/page';
import { Button } from '@/components/ui/button';
import { Mono } from '@/components/ui/table';
import { t, type Locale, type MessageKey } from '@/lib/i18n';
import type { LiveStatus, NodeErrorView, NodeResultView } from './types';

const TONE: Record<LiveStatus, 'slate' | 'amber' | 'sky' | 'red' | 'emerald'> = {
  pending: 'slate', reading: 'sky', planned: 'amber', applying: 'sky', applied: 'emerald', unchanged: 'slate', failed: 'red',
};

function StepLines({ steps }: { steps: NodeResultView['steps'] }) {
  return (
    <pre className="overflow-x-auto rounded bg-slate-950 p-2 font-mono text-[12px] leading-5 text-slate-100" data-testid="plan">
      {steps.map((s, i) => (
        <div key={i} className={s.summary.startsWith('+') ? 'text-emerald-300' : s.summary.startsWith('-') ? 'text-red-300' : s.summary.startsWith('!') ? 'text-amber-300' : 'text-sky-200'}>
          {s.summary}
        </div>
      ))}
    </pre>
  );
}

function ErrorBlock({ locale, error, onTrust }: { locale: Locale; error: NodeErrorView; onTrust?: (fp: string) => void }) {
  const remedyKey = `remedy.${error.code}` as MessageKey;
  return (
    <div className="space-y-2 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-900" data-testid="node-error" data-code={error.code}>
      <p>
        <span className="font-mono font-semibold">{error.code}</span> — {error.message}
      </p>
      <p className="text-red-800">{t(locale, remedyKey)}</p>
      {error.summary && <p>{t(locale, 'save.step')}: <Mono>{error.summary}</Mono></p>}
      {error.stderr && (
        <div>
          {t(locale, 'save.stderr')}:
          <pre className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-[12px]">{error.stderr}</pre>
        </div>
      )}
      {error.pinnedFingerprint && <p>{t(locale, 'save.fingerprint.pinned')}: <Mono>{error.pinnedFingerprint}</Mono></p>}
      {error.fingerprint && (
        <p className="flex flex-wrap items-center gap-2">
          {t(locale, 'save.fingerprint.presented')}: <Mono>{error.fingerprint}</Mono>
          {onTrust && (error.code === 'unknown-hostkey' || error.code === 'host-key-changed') && (
            <Button variant="secondary" onClick={() => onTrust(error.fingerprint!)}>{t(locale, 'save.trustKey')}</Button>
          )}
        </p>
      )}
    </div>
  );
}

export function NodeCard({ locale, result, status, director, onRetry, onTrust }: {
  locale: Locale;
  result: NodeResultView | null;
  status: LiveStatus;
  director: boolean;
  onRetry?: () => void;
  onTrust?: (fingerprint: string) => void;
}) {
  const name = result?.name ?? '';
  return (
    <Card
      title={
        <span className="flex items-center gap-2">
          {name}
          {director && <Badge tone="sky">{t(locale, 'role.director')}</Badge>}
          {result?.roles.filter((r) => r !== 'director').map((r) => <Badge key={r}>{t(locale, `role.${r}` as MessageKey)}</Badge>)}
        </span>
      }
      actions={
        <span className="flex items-center gap-2" data-testid={`status-${name}`} data-status={status}>
          <Badge tone={TONE[status]}>{t(locale, `save.status.${status}` as MessageKey)}</Badge>
          {status === 'failed' && onRetry && <Button onClick={onRetry}>{t(locale, 'save.retry')}</Button>}
        </span>
      }
    >
      <div className="space-y-2">
        {result && result.steps.length > 0 ? <StepLines steps={result.steps} /> : result && !result.error && <p className="text-sm text-slate-500">{t(locale, 'save.noChanges')}</p>}
        {result?.error && <ErrorBlock locale={locale} error={result.error} onTrust={onTrust} />}
      </div>
    </Card>
  );
}
