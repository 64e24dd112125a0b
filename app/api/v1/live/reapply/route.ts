import { handle } from '@/lib/api/respond';
import { postLiveReapply } from '@/lib/api/live-routes';

export const dynamic = 'force-dynamic';
export const POST = handle(postLiveReapply);
