/** GET/POST on a collection and GET/PUT/DELETE on one item, for any of the four model collections. */
import { NextResponse } from 'next/server';
import { requestUser } from '../auth/current';
import { notFound } from '../errors';
import { COLLECTIONS, isCollection, mergeForUpdate, type Collection } from './collections';
import { parseWith, readJson } from './respond';

type Ctx = { params: Promise<{ collection: string; id?: string }> };

async function resolve(ctx: Ctx): Promise<{ c: Collection; id?: string }> {
  const { collection, id } = await ctx.params;
  if (!isCollection(collection)) throw notFound(`collection ${collection}`);
  return { c: COLLECTIONS[collection] as unknown as Collection, id };
}

async function findItem(c: Collection, id: string) {
  const item = (await c.list()).find((e) => e.id === id);
  if (!item) throw notFound(c.label);
  return item as Record<string, unknown> & { id: string };
}

export async function listItems(request: Request, ctx: Ctx) {
  await requestUser(request, 'read');
  const { c } = await resolve(ctx);
  return c.list();
}

export async function createItem(request: Request, ctx: Ctx) {
  const { c } = await resolve(ctx);
  const user = await requestUser(request, c.writePermission);
  const input = parseWith(c.schema, await readJson(request));
  return NextResponse.json(await c.create(user, input), { status: 201 });
}

export async function getItem(request: Request, ctx: Ctx) {
  await requestUser(request, 'read');
  const { c, id } = await resolve(ctx);
  return findItem(c, id!);
}

export async function updateItem(request: Request, ctx: Ctx) {
  const { c, id } = await resolve(ctx);
  const user = await requestUser(request, c.writePermission);
  const body = await readJson(request);
  const current = c.toInput(await findItem(c, id!));
  const input = parseWith(c.schema, mergeForUpdate(current, body));
  return c.update(user, id!, input);
}

export async function deleteItem(request: Request, ctx: Ctx) {
  const { c, id } = await resolve(ctx);
  const user = await requestUser(request, c.writePermission);
  await c.remove(user, id!);
  return new NextResponse(null, { status: 204 });
}
