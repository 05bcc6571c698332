import createClient, { type Middleware } from 'openapi-fetch';
import { ApiProblem, problemFrom, problemOf } from './problem';
import type { paths } from './schema';
import { loadSession } from './session';
import type { CommandAnswer, Receipt } from './types';

// The one place that talks HTTP. Routes go through the client generated from /api/openapi.json (openapi-fetch over
// schema.d.ts), so paths, parameters, bodies and answers are checked against the functions' contract at compile time;
// a command's Location is followed as given (getJson). Both carry the bearer token and turn problem+json into ApiProblem.

type UnauthenticatedListener = () => void;
let onUnauthenticated: UnauthenticatedListener = () => {};

/** Called when the API answers 401 to a request that carried a token: the session has ended (expired or revoked). */
export function setUnauthenticatedListener(listener: UnauthenticatedListener): void {
  onUnauthenticated = listener;
}

function authorise(headers: Headers): void {
  headers.set('Accept', 'application/json');
  const session = loadSession();
  if (session) headers.set('Authorization', `Bearer ${session.accessToken}`);
}

function noticeEnded(request: Request | Headers, response: Response): void {
  const headers = request instanceof Headers ? request : request.headers;
  if (response.status === 401 && headers.has('Authorization')) onUnauthenticated();
}

const session: Middleware = {
  onRequest({ request }) {
    authorise(request.headers);
    return request;
  },
  onResponse({ request, response }) {
    noticeEnded(request, response);
    return response;
  },
};

/** The typed client; fetch is looked up on every call so that a test's interceptor sees it. */
export const client = createClient<paths>({ baseUrl: window.location.origin, fetch: (request) => globalThis.fetch(request) });
client.use(session);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

async function settle<T>(call: () => Promise<Answer<T>>): Promise<{ data: T; response: Response }> {
  let answer: Answer<T>;
  try {
    answer = await call();
  } catch (error) {
    throw new ApiProblem(0, 'NETWORK_ERROR', error instanceof Error ? error.message : null);
  }
  if (!answer.response.ok) throw problemOf(answer.response, answer.error);
  return { data: answer.data as T, response: answer.response };
}

/** A read (or a non-command POST): its data, or an ApiProblem. */
export async function read<T>(call: () => Promise<Answer<T>>): Promise<T> {
  return (await settle(call)).data;
}

/** Sends a command once; the idempotency key makes a retry of the same submission harmless (SPEC §4). */
export async function command<T extends CommandAnswer>(call: (idempotencyKey: string) => Promise<Answer<T>>): Promise<Receipt<T>> {
  const key = crypto.randomUUID();
  const { data, response } = await settle(() => call(key));
  return { status: response.status, location: response.headers.get('Location'), body: data };
}

/** Follows a Location (`/api/orders/…`) as given: it is data from an answer, not a route of the contract. */
export async function getJson<T>(location: string): Promise<T> {
  const headers = new Headers();
  authorise(headers);
  let response: Response;
  try {
    response = await fetch(new URL(location, window.location.origin).toString(), { headers });
  } catch (error) {
    throw new ApiProblem(0, 'NETWORK_ERROR', error instanceof Error ? error.message : null);
  }
  if (!response.ok) {
    noticeEnded(headers, response);
    throw await problemFrom(response);
  }
  return (await response.json()) as T;
}
