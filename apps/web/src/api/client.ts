/**
 * Talks to the server's public HTTP APIs only. Errors arrive in two shapes: Mastodon's
 * `{"error": "...", "details"?}` and the Rounds API's `{"error": {"code", "message", "details"}}`;
 * both become an ApiError carrying the server's message, which names what to fix.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field the server named, when it named one (sign-up and profile forms). */
  get field(): string | null {
    return typeof this.details.field === 'string' ? this.details.field : null;
  }
}

export interface Page<T> {
  items: T;
  /** The next (older) page's URL from the Link header, if any. */
  next: string | null;
}

type TokenSource = () => string | null;

interface RequestOptions {
  method?: string;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent form-encoded (OAuth endpoints). */
  form?: Record<string, string>;
  /** Sent as multipart/form-data (uploads); the browser writes the boundary. */
  formData?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Use this token instead of the session's (sign-up's app token). */
  token?: string | null;
}

/** The Link header's rel="next" as a same-origin path (the server writes absolute URLs). */
export function parseNextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) {
      const url = new URL(match[1], 'http://x');
      return url.pathname + url.search;
    }
  }
  return null;
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON (a proxy's error page): the status decides the message.
  }
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object') {
      const e = error as { code?: string; message?: string; details?: Record<string, unknown> };
      return new ApiError(res.status, e.message ?? res.statusText, e.code ?? null, e.details ?? {});
    }
    const b = body as { error_description?: string; error_code?: string; details?: Record<string, unknown> };
    // OAuth (RFC 6749): `error` is the code and `error_description` the message.
    if (b.error_description) return new ApiError(res.status, b.error_description, String(error));
    return new ApiError(res.status, String(error), b.error_code ?? null, b.details ?? {});
  }
  return new ApiError(res.status, res.statusText || `HTTP ${res.status}`);
}

export interface Api {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  page<T>(path: string, options?: RequestOptions): Promise<Page<T>>;
}

/**
 * A client bound to the session's token. `onUnauthorized` runs when the server rejects the token
 * (revoked elsewhere, expired): the app then signs the person out and says so.
 */
export function createApi(getToken: TokenSource, onUnauthorized: () => void): Api {
  async function send(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const token = options.token === undefined ? getToken() : options.token;
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.formData) {
      body = options.formData;
    }
    let res: Response;
    try {
      res = await fetch(path, {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        headers,
        body,
        signal: options.signal ?? null,
        credentials: 'same-origin',
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, 'network');
    }
    if (!res.ok) {
      const error = await toApiError(res);
      if (res.status === 401 && token && options.token === undefined) onUnauthorized();
      throw error;
    }
    return res;
  }

  return {
    async request<T>(path: string, options?: RequestOptions): Promise<T> {
      const res = await send(path, options);
      return (await res.json()) as T;
    },
    async page<T>(path: string, options?: RequestOptions): Promise<Page<T>> {
      const res = await send(path, options);
      return { items: (await res.json()) as T, next: parseNextLink(res.headers.get('Link')) };
    },
  };
}
