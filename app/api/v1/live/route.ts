import { handle } from '@/lib/api/respond';
import { getLive } from '@/lib/api/live-routes';

export const dynamic = 'force-dynamic';
export const GET = handle(getLive);
