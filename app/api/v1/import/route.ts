import { postImport } from '@/lib/api/model-routes';
import { handle } from '@/lib/api/respond';

export const POST = handle(postImport);
