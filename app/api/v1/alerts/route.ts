import { getAlerts, putAlerts } from '@/lib/api/event-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getAlerts);
export const PUT = handle(putAlerts);
