import type { ErrorCode } from '../shared/errors.ts';

export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR';

export interface FieldIssue {
  in?: string;
  field: string;
  message: string;
}

/** A failed API call, carrying the stable error code the web translates. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation details as a map from field name to the server's message. */
  get fields(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const item of this.details as unknown[]) {
      if (item && typeof item === 'object' && 'field' in item) {
        const issue = item as FieldIssue;
        const field = String(issue.field ?? '');
        if (field && !out[field]) out[field] = String(issue.message ?? '');
      }
    }
    return out;
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
/** False when the app opened offline and has not asked the server who is signed in since. */
export const hasCsrfToken = () => Boolean(csrfToken);

type AuthFailureHandler = (code: 'SESSION_EXPIRED' | 'UNAUTHENTICATED') => void;
let authFailureHandler: AuthFailureHandler | null = null;
/** The app decides what happens when the session is gone: it sends the person to sign in. */
export function onAuthFailure(handler: AuthFailureHandler | null) {
  authFailureHandler = handler;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Send this as the body as it is (a file's bytes), with its own content type, instead of JSON. */
  raw?: { body: Blob | ArrayBuffer | string; contentType: string };
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** Set false for calls where "not signed in" is an expected answer (e.g. /api/auth/me). */
  redirectOnAuthFailure?: boolean;
}

const KNOWN_CODES = new Set<string>([
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'CSRF_INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'INTERNAL',
] satisfies ErrorCode[]);

function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The one way the web talks to the API: cookies, JSON, the CSRF header, typed errors. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['content-type'] = options.raw?.contentType ?? 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'GET' ? undefined : (options.raw?.body ?? JSON.stringify(options.body ?? {})),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', 'The server could not be reached');
  }

  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (!response.ok) {
    const body = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const code: ClientErrorCode =
      body?.code && KNOWN_CODES.has(body.code) ? (body.code as ErrorCode) : 'INTERNAL';
    const error = new ApiError(response.status, code, body?.message ?? response.statusText, body?.details);
    if (
      (code === 'SESSION_EXPIRED' || code === 'UNAUTHENTICATED') &&
      options.redirectOnAuthFailure !== false
    ) {
      authFailureHandler?.(code);
    }
    throw error;
  }
  return data as T;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
