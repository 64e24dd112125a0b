'use client';
import { useState } from 'react';
import { DEFAULT_INTERVAL_MS, HEALTH_CHECK_TYPES } from '@/lib/cluster/health-constants';
import { t, type Locale } from '@/lib/i18n';
import { fieldBuilders } from '@/components/ui/field';

/** What a probe's fields start from: a service's check or a node's override (onFailure is not here). */
export interface ProbeValues {
  type: string;
  port: number | null;
  path: string;
  expectStatus: number;
  expectText: string | null;
  intervalMs: number;
  timeoutMs: number;
  fall: number;
}

/**
 * The probe's own fields (type, port, path, status, body text, interval, timeout, failures), named
 * `<prefix>.<field>` like the API's fields: the service form uses prefix healthCheck, a node's
 * override row its own prefix.
 */
export function ProbeFields({ locale, prefix, check, err }: {
  locale: Locale;
  prefix: string;
  check: ProbeValues | null;
  err: (name: string) => string | undefined;
}) {
  const L = (k: Parameters<typeof t>[1]) => t(locale, k);
  const [type, setType] = useState<string>(check?.type ?? 'tcp');
  const web = type === 'http' || type === 'https';
  const { input, select } = fieldBuilders(err);
  const n = (f: string) => `${prefix}.${f}`;
  return (
    <>
      {select(n('type'), L('health.type'), type, HEALTH_CHECK_TYPES, setType, (o) => L(`health.type.${o as 'tcp'}`))}
      {type !== 'ping' && input(n('port'), L('health.port'), check?.port, { inputMode: 'numeric', placeholder: L('health.portSame') })}
      {web && input(n('path'), L('health.path'), check?.path ?? '/')}
      {web && input(n('expectStatus'), L('health.expectStatus'), check?.expectStatus ?? 200, { inputMode: 'numeric' })}
      {web && input(n('expectText'), L('health.expectText'), check?.expectText)}
      {input(n('intervalMs'), L('health.intervalMs'), check?.intervalMs ?? DEFAULT_INTERVAL_MS, { inputMode: 'numeric' })}
      {input(n('timeoutMs'), L('health.timeoutMs'), check?.timeoutMs ?? 1000, { inputMode: 'numeric' })}
      {input(n('fall'), L('health.fall'), check?.fall ?? 2, { inputMode: 'numeric' })}
    </>
  );
}
