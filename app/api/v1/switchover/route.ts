import { postSwitchover } from '@/lib/api/failover-routes';
import { handle } from '@/lib/api/respond';

export const POST = handle(postSwitchover);
