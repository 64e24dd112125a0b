import { pageUser } from '@/lib/auth/current';
import { listTokens } from '@/lib/auth/tokens';
import { TokensScreen } from '@/components/tokens/tokens-screen';
import { createTokenAction, revokeTokenAction } from './actions';

export default async function TokensPage() {
  const user = await pageUser();
  return <TokensScreen locale={user.locale} tokens={await listTokens(user.id)} create={createTokenAction} revoke={revokeTokenAction} />;
}
