/** A user's own interface language: a preference, not a model change, so it is not audited. */
import { db } from '../db';

export async function setUserLocale(userId: string, locale: 'en' | 'ko'): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { locale } });
}
