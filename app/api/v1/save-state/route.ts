import { handle } from '@/lib/api/respond';
import { postSaveState } from '@/lib/api/save-routes';

export const dynamic = 'force-dynamic';
export const POST = handle(postSaveState);
