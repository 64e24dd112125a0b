import { deleteItem, getItem, updateItem } from '@/lib/api/collection-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getItem);
export const PUT = handle(updateItem);
export const DELETE = handle(deleteItem);
