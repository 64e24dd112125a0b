/**
 * GET /api/v1/tokens: your tokens (never their secrets). POST: a new token, shown once, with an
 * optional {name, expiresInDays}; with Basic credentials (scripts) or as a signed-in user.
 * DELETE /api/v1/tokens/{id}: revoke yours (an admin: anyone's).
 */
import { NextResponse } from 'next/server';
import { requestUser } from '../auth/current';
import { createApiToken, listTokens, revokeToken, tokenCreateSchema, type TokenCreate } from '../auth/tokens';
import { issueToken } from './account-routes';
import { parseWith, readJson } from './respond';

/** The optional body of a token request; no body at all means a nameless token that never expires. */
export async function tokenOptions(request: Request): Promise<TokenCreate> {
  const hasBody = request.headers.get('content-length') !== '0' && request.headers.has('content-type') && request.body !== null;
  return parseWith(tokenCreateSchema, hasBody ? await readJson(request) : {});
}

export async function postToken(request: Request) {
  if (/^Basic\s/i.test(request.headers.get('authorization') ?? '')) return issueToken(request);
  const user = await requestUser(request, 'read');
  return NextResponse.json(await createApiToken(user, await tokenOptions(request)), { status: 201 });
}

export async function getTokens(request: Request) {
  const user = await requestUser(request, 'read');
  return listTokens(user.id);
}

export async function deleteToken(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const user = await requestUser(request, 'read');
  await revokeToken(user, (await ctx.params).id);
  return new NextResponse(null, { status: 204 });
}
