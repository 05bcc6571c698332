import { ApiProblem, problemFrom } from './problem';
import { loadSession } from './session';
import type { Receipt } from './types';

// The one place that talks HTTP: base path, bearer token, JSON, idempotency keys and problem+json. A client generated
// from /api/openapi.json (openapi-fetch) can take its place; the screens only see endpoints.ts.

type UnauthenticatedListener = () => void;
let onUnauthenticated: UnauthenticatedListener = () => {};

/** Called when the API answers 401 to a request that carried a token: the session has ended (expired or revoked). */
export function setUnauthenticatedListener(listener: UnauthenticatedListener): void {
  onUnauthenticated = listener;
}

export const API_BASE = '/api';

/** `portfolio` is under /api; a Location such as `/api/orders/…` is used as given. Absolute, for fetch outside a page. */
export function urlFor(path: string): string {
  return new URL(path.startsWith('/') ? path : `${API_BASE}/${path}`, window.location.origin).toString();
}

function headersFor(body: unknown, extra: Record<string, string> = {}): Headers {
  const headers = new Headers({ Accept: 'application/json', ...extra });
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  const session = loadSession();
  if (session) headers.set('Authorization', `Bearer ${session.accessToken}`);
  return headers;
}

async function send(method: string, path: string, body?: unknown, extra?: Record<string, string>): Promise<Response> {
  const headers = headersFor(body, extra);
  let response: Response;
  try {
    response = await fetch(urlFor(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiProblem(0, 'NETWORK_ERROR', error instanceof Error ? error.message : null);
  }
  if (!response.ok) {
    const problem = await problemFrom(response);
    if (response.status === 401 && headers.has('Authorization')) onUnauthenticated();
    throw problem;
  }
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  const response = await send('GET', path);
  return (await response.json()) as T;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await send('POST', path, body);
  return (await response.json()) as T;
}

/** Sends a command once; the idempotency key makes a retry of the same submission harmless (SPEC §4). */
export async function command(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<Receipt> {
  const response = await send(method, path, method === 'POST' ? (body ?? {}) : body, {
    'Idempotency-Key': crypto.randomUUID(),
  });
  let answer: Receipt['body'] = {};
  try {
    answer = (await response.json()) as Receipt['body'];
  } catch {
    // A command answer without a body still has its Location.
  }
  return { status: response.status, location: response.headers.get('Location'), body: answer };
}
