/** Setup, tokens and users. */
import { NextResponse } from 'next/server';
import { requestUser } from '../auth/current';
import { createApiToken, createFirstAdmin, createUser, listUsers, needsSetup, updateUser, verifyCredentials } from '../auth/users';
import { setupSchema, userCreateSchema, userUpdateSchema } from '../cluster/schemas';
import { conflict, unauthenticated } from '../errors';
import { requestClientAddress } from '../net/client-address';
import { parseWith, readJson } from './respond';
import { tokenOptions } from './token-routes';

export async function setup(request: Request) {
  // 409 once any user exists, whatever the body, and before reading it (this route needs no sign-in).
  if (!(await needsSetup())) throw conflict('setup is done: an admin already exists');
  const input = parseWith(setupSchema, await readJson(request));
  const user = await createFirstAdmin(input.username, input.password);
  return NextResponse.json({ id: user.id, username: user.username, role: user.role }, { status: 201 });
}

/** HTTP Basic credentials in, a bearer token out. */
export async function issueToken(request: Request) {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.headers.get('authorization') ?? '');
  if (!m) throw unauthenticated();
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthenticated();
  const address = requestClientAddress(request.headers);
  const user = await verifyCredentials(decoded.slice(0, colon), decoded.slice(colon + 1), address);
  if (!user) throw unauthenticated();
  return NextResponse.json(await createApiToken(user, await tokenOptions(request)), { status: 201 });
}

export async function getUsers(request: Request) {
  await requestUser(request, 'manage-users');
  return listUsers();
}

export async function postUser(request: Request) {
  const actor = await requestUser(request, 'manage-users');
  const input = parseWith(userCreateSchema, await readJson(request));
  return NextResponse.json(await createUser(actor, input), { status: 201 });
}

export async function putUser(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const actor = await requestUser(request, 'manage-users');
  const input = parseWith(userUpdateSchema, await readJson(request));
  return updateUser(actor, (await ctx.params).id, input);
}
