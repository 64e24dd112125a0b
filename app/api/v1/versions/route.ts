import { handle } from '@/lib/api/respond';
import { getVersions } from '@/lib/api/save-routes';

export const GET = handle(getVersions);
