import { getTokens, postToken } from '@/lib/api/token-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getTokens);
export const POST = handle(postToken);
