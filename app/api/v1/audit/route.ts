import { getAudit } from '@/lib/api/model-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getAudit);
