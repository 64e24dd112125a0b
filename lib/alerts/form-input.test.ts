import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../cluster/schemas';
import { channelFromForm, rekeyFields, storedAsInput } from './form-input';
import { AlertsPut } from './schemas';
import type { PublicChannel } from './channels';

const form = (entries: Array<[string, string]>) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};

const stored: PublicChannel = { id: 'c1', name: 'ops', kind: 'mail', enabled: true, language: 'ko', kinds: ['rs-down'], realertMinutes: 30, config: { host: 'smtp.example.com', port: 587, starttls: 'required', user: 'lvs', from: 'lvs@example.com', to: ['a@example.com'] }, secretSet: true };

describe('alert channel forms', () => {
  it('reads a webhook channel; an empty secret is left out (keeps the stored one)', () => {
    const p = 'channels.1.';
    const c = channelFromForm(form([[`${p}kind`, 'webhook'], [`${p}id`, 'c2'], [`${p}name`, 'hook'], [`${p}enabled`, 'on'], [`${p}language`, 'en'], [`${p}kinds`, 'rs-down'], [`${p}kinds`, 'split-brain'], [`${p}realertMinutes`, '5'], [`${p}url`, ' https://h.example/x '], [`${p}secret`, '']]), p);
    expect(c).toEqual({ kind: 'webhook', id: 'c2', name: 'hook', enabled: true, language: 'en', kinds: ['rs-down', 'split-brain'], realertMinutes: 5, url: 'https://h.example/x' });
    expect(AlertsPut.safeParse({ channels: [c] }).success).toBe(true);
  });

  it('reads a mail channel with recipients on lines and commas', () => {
    const p = 'channels.0.';
    const c = channelFromForm(form([[`${p}kind`, 'mail'], [`${p}name`, 'm'], [`${p}host`, 'smtp.example.com'], [`${p}port`, '25'], [`${p}starttls`, 'opportunistic'], [`${p}password`, ' pw '], [`${p}user`, 'u'], [`${p}from`, 'lvs@example.com'], [`${p}to`, 'a@example.com, b@example.com\nc@example.com']]), p);
    expect(c).toMatchObject({ kind: 'mail', enabled: false, port: 25, starttls: 'opportunistic', user: 'u', password: ' pw ', to: ['a@example.com', 'b@example.com', 'c@example.com'] });
    expect(AlertsPut.safeParse({ channels: [c] }).success).toBe(true);
  });

  it('turns a stored channel back into input without any secret', () => {
    const input = storedAsInput(stored);
    expect(input).not.toHaveProperty('password');
    expect(AlertsPut.parse({ channels: [input] }).channels[0]).toMatchObject({ id: 'c1', kind: 'mail', user: 'lvs', realertMinutes: 30 });
  });

  it('names the field of a bad URL and of a bad recipient at the form position', () => {
    const r = AlertsPut.safeParse({ channels: [storedAsInput(stored), { kind: 'webhook', name: 'h', url: 'ftp://x' }, { kind: 'mail', name: 'm', host: 'h', from: 'a@example.com', to: ['ok@example.com', 'bad'] }] });
    expect(r.success).toBe(false);
    const fields = fieldErrors(r.error!);
    expect(fields['channels.1.url']).toBe('must be http or https');
    expect(rekeyFields(fields, 2, 5, ['ok@example.com', 'bad'])).toMatchObject({ 'channels.1.url': 'must be http or https', 'channels.5.to': expect.stringMatching(/^bad: must be a plain address/) });
  });
});
