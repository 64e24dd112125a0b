import { getUsers, postUser } from '@/lib/api/account-routes';
import { handle } from '@/lib/api/respond';

export const GET = handle(getUsers);
export const POST = handle(postUser);
