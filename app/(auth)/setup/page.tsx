import { redirect } from 'next/navigation';
import { needsSetup } from '@/lib/auth/users';
import { SetupForm } from '@/components/auth/setup-form';
import { requestLocale } from '../locale';
import { setupAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  if (!(await needsSetup())) redirect('/login');
  return <SetupForm locale={await requestLocale()} action={setupAction} />;
}
