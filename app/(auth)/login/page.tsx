import { redirect } from 'next/navigation';
import { needsSetup } from '@/lib/auth/users';
import { sessionUser } from '@/lib/auth/current';
import { LoginForm } from '@/components/auth/login-form';
import { requestLocale } from '../locale';
import { loginAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  if (await needsSetup()) redirect('/setup');
  if (await sessionUser()) redirect('/cluster');
  return <LoginForm locale={await requestLocale()} action={loginAction} />;
}
