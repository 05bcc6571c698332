import type { paths } from './schema';

// RFC 9457 problem+json answers, turned into one error type the screens can explain (SPEC §2's codes).

export const KNOWN_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'LOGIN_ID_TAKEN',
  'INSUFFICIENT_CASH',
  'INSUFFICIENT_UNITS',
  'INSUFFICIENT_FUND_CASH',
  'AMOUNT_BELOW_NAV',
  'FUND_ILLIQUID',
  'INVALID_TICK',
  'PRICE_OUT_OF_BAND',
  'MARKET_HALTED',
  'ORDER_NOT_OPEN',
  'CONCURRENCY_CONFLICT',
  'DUPLICATE_REQUEST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'UNSUPPORTED_MEDIA_TYPE',
  'TOO_MANY_ATTEMPTS',
  'TOO_MANY_REQUESTS',
  'ACCOUNT_NOT_EMPTY',
  'ROYALTY_IN_PROGRESS',
  'PERSONAL_DATA_NOT_UPGRADED',
  'APPEND_TOO_LARGE',
] as const;

/** Codes the client itself raises when there is no problem document to read. */
export const CLIENT_CODES = ['NETWORK_ERROR', 'SERVER_ERROR', 'UNKNOWN_ERROR'] as const;

export type ProblemCode = (typeof KNOWN_CODES)[number] | (typeof CLIENT_CODES)[number];

export class ApiProblem extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly detail: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, code: ProblemCode, detail: string | null, retryAfterSeconds: number | null = null) {
    super(`${status} ${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isProblem(error: unknown): error is ApiProblem {
  return error instanceof ApiProblem;
}

function codeFor(status: number, code: unknown): ProblemCode {
  if (typeof code === 'string' && (KNOWN_CODES as readonly string[]).includes(code)) {
    return code as ProblemCode;
  }
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  if (status === 400 || status === 413) return 'VALIDATION_FAILED';
  return status >= 500 ? 'SERVER_ERROR' : 'UNKNOWN_ERROR';
}

/** A failed answer whose body was already read (openapi-fetch parses it); a body that is not problem+json still gets a code from its status. */
export function problemOf(response: Response, body: unknown): ApiProblem {
  const fields = typeof body === 'object' && body !== null ? (body as { code?: unknown; detail?: unknown }) : {};
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiProblem(
    response.status,
    codeFor(response.status, fields.code),
    typeof fields.detail === 'string' ? fields.detail : null,
    Number.isFinite(retryAfter) ? retryAfter : null,
  );
}

/** Reads a failed answer; an answer the web server raised before the functions saw the request may carry no JSON at all. */
export async function problemFrom(response: Response): Promise<ApiProblem> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status decides.
  }
  return problemOf(response, body);
}

// The compiler checks the catalogue against the contract: every code a problem answer of the generated client can
// carry must be one of KNOWN_CODES (and so have words in both languages, which catalogues.test.ts checks).
type Operation = { [P in keyof paths]: paths[P][Exclude<keyof paths[P], 'parameters'>] }[keyof paths];
type ResponseOf<O> = O extends { responses: infer R } ? R[keyof R] : never;
type ProblemBodyOf<R> = R extends { content: { 'application/problem+json': infer B } } ? B : never;
/** The codes GET /api/openapi.json lists for the routes' problem answers. */
export type DocumentCode = Exclude<ProblemBodyOf<ResponseOf<Operation>>['code'], undefined>;
type Uncovered = Exclude<DocumentCode, (typeof KNOWN_CODES)[number]>;
const everyDocumentCodeIsKnown: [Uncovered] extends [never] ? (string extends DocumentCode ? 'vacuous' : true) : Uncovered = true;
void everyDocumentCodeIsKnown;
