import { putUser } from '@/lib/api/account-routes';
import { handle } from '@/lib/api/respond';

export const PUT = handle(putUser);
