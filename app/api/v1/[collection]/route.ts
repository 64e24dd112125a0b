import { createItem, listItems } from '@/lib/api/collection-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(listItems);
export const POST = handle(createItem);
