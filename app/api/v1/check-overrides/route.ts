import { getCheckOverrides, putCheckOverrides } from '@/lib/api/model-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getCheckOverrides);
export const PUT = handle(putCheckOverrides);
