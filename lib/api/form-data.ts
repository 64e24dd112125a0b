/** Reading typed values out of FormData. Empty inputs become null so the schema decides. */
export const text = (fd: FormData, name: string): string => {
  const v = fd.get(name);
  return typeof v === 'string' ? v : '';
};

export const optionalText = (fd: FormData, name: string): string | null => {
  const v = text(fd, name).trim();
  return v === '' ? null : v;
};

/** A number input: empty → null; anything non-numeric → NaN, which the schema reports as "must be a number". */
export const numberOrNull = (fd: FormData, name: string): number | null => {
  const v = text(fd, name).trim();
  return v === '' ? null : Number(v);
};

export const all = (fd: FormData, name: string): string[] => fd.getAll(name).filter((v): v is string => typeof v === 'string');

export const checked = (fd: FormData, name: string): boolean => fd.get(name) === 'on';
