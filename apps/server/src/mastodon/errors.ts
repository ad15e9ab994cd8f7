import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, RateLimitedError } from '../domain/errors.ts';
import { OAuthError } from '../domain/oauth/index.ts';
import type { MastodonEnv } from './env.ts';

const STATUS_BY_CODE: Record<string, ContentfulStatusCode> = {
  not_found: 404,
  validation_failed: 422,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  rate_limited: 429,
  payload_too_large: 413,
  phi_detected: 422,
};

/**
 * The one error handler: AppErrors become Mastodon's `{"error": "..."}` (OAuth errors RFC 6749's
 * shape); anything else is a bug, logged and answered 500 without internals.
 */
export function handleError(error: Error, c: Context<MastodonEnv>): Response {
  if (error instanceof OAuthError) {
    return c.json({ error: error.oauthCode, error_description: error.message }, error.status);
  }
  if (error instanceof AppError) {
    if (error instanceof RateLimitedError) c.header('Retry-After', String(error.retryAfterSeconds));
    const status = STATUS_BY_CODE[error.code] ?? 422;
    if (new URL(c.req.url).pathname.startsWith('/api/rounds/')) {
      // The Rounds API's own shape: a stable code, a message for people, structured details.
      return c.json(
        { error: { code: error.code, message: error.message, details: error.details ?? {} } },
        status,
      );
    }
    return c.json(
      {
        error: error.message,
        ...(error.code !== 'not_found' ? { error_code: error.code } : {}),
        ...(error.details ? { details: error.details } : {}),
      },
      status,
    );
  }
  if (error instanceof HTTPException) {
    if (error.status === 413) return c.json({ error: 'The request body is too large' }, 413);
    return c.json({ error: error.message || 'Bad request' }, error.status as ContentfulStatusCode);
  }
  const ctx = c.get('ctx');
  ctx?.logger.error('unhandled error', {
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    error: String(error),
    stack: error.stack,
  });
  return c.json({ error: 'Something went wrong on our side; it has been logged' }, 500);
}
