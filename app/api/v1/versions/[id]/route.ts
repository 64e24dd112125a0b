import { handle } from '@/lib/api/respond';
import { getOneVersion } from '@/lib/api/save-routes';

export const GET = handle(getOneVersion);
