import { handle } from '@/lib/api/respond';
import { postRevert } from '@/lib/api/save-routes';

export const POST = handle(postRevert);
