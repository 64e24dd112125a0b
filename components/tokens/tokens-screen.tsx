'use client';
import { useState, type FormEvent } from 'react';
import type { FormState, TokenView } from '@/lib/wire';
import { t, type Locale } from '@/lib/i18n';
import { Button } from '@/components/ui/button';
import { Field, control, inputClass } from '@/components/ui/field';
import { Card, Notice, PageHeader } from '@/components/ui/page';
import { EmptyRow, Mono, Table, Td, Th } from '@/components/ui/table';

type Create = (fd: FormData) => Promise<FormState & { token?: string }>;
const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : null);

export function TokensScreen({ locale, tokens, create, revoke }: { locale: Locale; tokens: TokenView[]; create: Create; revoke: (fd: FormData) => Promise<FormState> }) {
  const [state, setState] = useState<FormState & { token?: string }>({});
  const [pending, setPending] = useState(false);
  const err = (f: string) => state.fields?.[f];
  const onCreate = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setPending(true);
    const next = await create(new FormData(form));
    setPending(false);
    setState(next);
    if (next.ok) form.reset();
  };
  const onRevoke = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!window.confirm(t(locale, 'token.confirmRevoke'))) return;
    setState(await revoke(new FormData(e.currentTarget)));
  };
  return (
    <>
      <PageHeader title={t(locale, 'token.title')} intro={t(locale, 'token.intro')} />
      <Card title={t(locale, 'token.new')} className="mb-4">
        <form onSubmit={onCreate} className="flex flex-col gap-3" autoComplete="off" aria-label={t(locale, 'token.new')}>
          <div className="grid max-w-3xl grid-cols-2 gap-3">
            <Field label={t(locale, 'token.name')} name="name" error={err('name')}>
              <input {...control('name', err('name'))} className={inputClass(err('name'))} />
            </Field>
            <Field label={t(locale, 'token.expiresInDays')} name="expiresInDays" error={err('expiresInDays')}>
              <input {...control('expiresInDays', err('expiresInDays'))} type="number" min={1} max={3650} className={inputClass(err('expiresInDays'))} />
            </Field>
          </div>
          <div><Button type="submit" variant="primary" disabled={pending}>{t(locale, 'common.add')}</Button></div>
          {state.error && <Notice kind="error">{state.error}</Notice>}
          {state.token && <Notice kind="ok">{t(locale, 'token.showOnce')} <Mono><span data-testid="new-token">{state.token}</span></Mono></Notice>}
        </form>
      </Card>
      <Table>
        <thead>
          <tr>
            <Th>{t(locale, 'token.name')}</Th><Th>{t(locale, 'token.created')}</Th><Th>{t(locale, 'token.expires')}</Th>
            <Th>{t(locale, 'token.lastUsed')}</Th><Th>{t(locale, 'common.actions')}</Th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && <EmptyRow cols={5}>{t(locale, 'common.empty')}</EmptyRow>}
          {tokens.map((tok) => (
            <tr key={tok.id} data-row={tok.id}>
              <Td>{tok.name || '—'}</Td>
              <Td>{day(tok.createdAt)}</Td>
              <Td>{tok.expired ? t(locale, 'token.expired') : day(tok.expiresAt) ?? t(locale, 'token.never')}</Td>
              <Td>{day(tok.lastUsedAt) ?? t(locale, 'token.never')}</Td>
              <Td>
                <form onSubmit={onRevoke}>
                  <input type="hidden" name="id" value={tok.id} />
                  <Button type="submit" variant="danger">{t(locale, 'token.revoke')}</Button>
                </form>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
