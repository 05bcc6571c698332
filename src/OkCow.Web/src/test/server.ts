import { setupServer } from 'msw/node';

/** The network for component tests: each test says what the API answers. */
export const server = setupServer();

export const problem = (status: number, code: string, detail = 'refused') =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, detail, code }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
