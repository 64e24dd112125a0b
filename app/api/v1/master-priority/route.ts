import { getMaster, putMaster } from '@/lib/api/model-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getMaster);
export const PUT = handle(putMaster);
