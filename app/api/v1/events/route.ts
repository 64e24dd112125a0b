import { getEvents } from '@/lib/api/event-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getEvents);
