/**
 * The one error model. Domain code throws these; each adapter maps `code` to its own response shape
 * and HTTP status. Messages are written for the person who sent the request.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Record not found') {
    super('not_found', message);
  }
}

export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly field?: string,
    details?: Record<string, unknown>,
  ) {
    super('validation_failed', message, { ...(field ? { field } : {}), ...details });
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'The access token is invalid') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'This action is not allowed') {
    super('forbidden', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('conflict', message);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 'Too many requests; try again later');
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'The request body is too large') {
    super('payload_too_large', message);
  }
}
