/**
 * The closed set of errors a server entry point can answer with. Route handlers and server actions
 * map these to HTTP statuses / form state; nothing branches on message text.
 */
export type ApiErrorCode = 'invalid' | 'unauthenticated' | 'forbidden' | 'not-found' | 'conflict' | 'throttled' | 'unsupported-media-type' | 'method-not-allowed';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const invalid = (fields: Record<string, string>, message = 'invalid input') => new ApiError('invalid', message, fields);
export const notFound = (what: string) => new ApiError('not-found', `${what} not found`);
export const conflict = (message: string) => new ApiError('conflict', message);
export const forbidden = (message = 'your role does not allow this') => new ApiError('forbidden', message);
export const unauthenticated = () => new ApiError('unauthenticated', 'sign in first');

export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  throttled: 429,
  'unsupported-media-type': 415,
  'method-not-allowed': 405,
};
