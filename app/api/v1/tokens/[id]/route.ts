import { deleteToken } from '@/lib/api/token-routes';
import { handle } from '@/lib/api/respond';

export const DELETE = handle(deleteToken);
