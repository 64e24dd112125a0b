import { getAdminState, putAdminState } from '@/lib/api/admin-state-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getAdminState);
export const PUT = handle(putAdminState);
