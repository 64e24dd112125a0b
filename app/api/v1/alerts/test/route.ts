import { postAlertTest } from '@/lib/api/event-routes';
import { handle } from '@/lib/api/respond';

export const POST = handle(postAlertTest);
