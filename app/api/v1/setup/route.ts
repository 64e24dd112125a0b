import { setup } from '@/lib/api/account-routes';
import { handle } from '@/lib/api/respond';

export const POST = handle(setup);
