import { handle } from '@/lib/api/respond';
import { getVersionDiff } from '@/lib/api/save-routes';

export const GET = handle(getVersionDiff);
