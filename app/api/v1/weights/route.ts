import { getWeights, putWeights } from '@/lib/api/model-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getWeights);
export const PUT = handle(putWeights);
