import { postLiveDoctor } from '@/lib/api/live-routes';
import { handle } from '@/lib/api/respond';

export const POST = handle(postLiveDoctor);
