import bcrypt from 'bcryptjs';

const COST = 11;

export const hashPassword = (plain: string) => bcrypt.hash(plain, COST);
export const verifyPassword = (plain: string, hash: string) => bcrypt.compare(plain, hash);

/** Compared against when the user doesn't exist, so timing does not tell which usernames exist. */
export const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', COST);
