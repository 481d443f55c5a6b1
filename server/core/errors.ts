import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../shared/api/errors.ts';
import type { Logger } from './log.ts';

/**
 * A refusal: the HTTP status, a stable `code` the client turns into a Danish
 * (or English) sentence, and an English message for logs and developers.
 * Every error answer of the API has the one shape `{ error, code }`
 * (shared/api/errors.ts).
 */
export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    /** Extra fields for the answer, e.g. `{ reason: 'expired' }`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'invalidInput',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  410: 'gone',
  413: 'tooLarge',
  415: 'unsupportedType',
  422: 'unprocessable',
  429: 'tooMany',
  503: 'busy',
};

/** Write errors of a full or read-only disk: the request failed as a whole, nothing half-done. */
function isStorageUnavailable(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return ['ENOSPC', 'EROFS', 'EACCES', 'EPERM', 'EDQUOT'].includes(code ?? '');
}

/** The app's one `onError`: every failure becomes `{ error, code }` with its status. */
export function errorHandler(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof AppError) {
      return c.json({ ...err.extra, error: err.message, code: err.code }, err.status);
    }
    if (err instanceof HTTPException) {
      if (err.res) return err.getResponse();
      const status = err.status as ContentfulStatusCode;
      return c.json({ error: err.message, code: CODE_BY_STATUS[status] ?? 'internal' }, status);
    }
    if (isStorageUnavailable(err)) {
      log.error('storage unavailable', { path: c.req.path, error: err });
      return c.json(
        { error: 'the server cannot write its data now (disk full or read-only)', code: 'storage' },
        507,
      );
    }
    log.error('request failed', { path: c.req.path, error: err });
    return c.json({ error: 'internal error', code: 'internal' }, 500);
  };
}
