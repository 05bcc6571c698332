import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { investorSession } from '../test/render';
import { problem, server } from '../test/server';
import { api } from './endpoints';
import { getJson, setUnauthenticatedListener } from './http';
import { loadSession, saveSession } from './session';

describe('the API client', () => {
  it('sends commands as JSON with the bearer token and an idempotency key, and returns the receipt', async () => {
    saveSession(investorSession('inv-1'));
    let seen: Request | undefined;
    server.use(
      http.post('*/api/investors/inv-1/deposits', ({ request }) => {
        seen = request.clone();
        return HttpResponse.json({ investorId: 'inv-1', streamId: 'investor-inv-1', version: 2 }, { status: 202, headers: { Location: '/api/investors/inv-1/portfolio' } });
      }),
    );
    const receipt = await api.deposit('inv-1', 1_000_000);
    expect(receipt).toEqual({ status: 202, location: '/api/investors/inv-1/portfolio', body: { investorId: 'inv-1', streamId: 'investor-inv-1', version: 2 } });
    expect(seen?.headers.get('authorization')).toBe('Bearer token-a');
    expect(seen?.headers.get('content-type')).toBe('application/json');
    expect(seen?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await seen?.json()).toEqual({ amount: 1_000_000 });
  });

  it('turns problem+json into an error with its code and detail', async () => {
    server.use(http.post('*/api/funds/f/orders', () => problem(422, 'INVALID_TICK', 'Price 12,050 is not a multiple of 100.')));
    await expect(api.placeOrder('f', 'i', 'buy', 12_050, 1)).rejects.toMatchObject({ status: 422, code: 'INVALID_TICK', detail: 'Price 12,050 is not a multiple of 100.' });
  });

  it('reads Retry-After on a 429', async () => {
    server.use(
      http.post('*/api/sessions', () =>
        HttpResponse.json({ code: 'TOO_MANY_ATTEMPTS', status: 429 }, { status: 429, headers: { 'Retry-After': '900' } }),
      ),
    );
    await expect(api.signIn('alice', 'x')).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 900 });
  });

  it('gives a code from the status when the answer is not problem+json', async () => {
    server.use(http.get('*/api/mcpi', () => new HttpResponse('bad gateway', { status: 502 })));
    await expect(api.mcpi()).rejects.toMatchObject({ code: 'SERVER_ERROR' });
  });

  it('ends the session when a request with a token answers 401, not when signing in fails', async () => {
    const ended = vi.fn();
    setUnauthenticatedListener(ended);
    server.use(
      http.post('*/api/sessions', () => problem(401, 'INVALID_CREDENTIALS')),
      http.get('*/api/investors/inv-1/portfolio', () => problem(401, 'UNAUTHENTICATED')),
    );
    await expect(api.signIn('alice', 'wrong')).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(ended).not.toHaveBeenCalled();
    saveSession(investorSession('inv-1'));
    await expect(api.portfolio('inv-1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(ended).toHaveBeenCalledOnce();
  });
});

describe('following a Location', () => {
  it('reads it with the token as given, and ends the session on 401 like the typed routes', async () => {
    const ended = vi.fn();
    setUnauthenticatedListener(ended);
    saveSession(investorSession('inv-1'));
    let authorization: string | null = null;
    server.use(
      http.get('*/api/orders/o-1', ({ request }) => {
        authorization = request.headers.get('authorization');
        return HttpResponse.json({ orderId: 'o-1', status: 'open' });
      }),
      http.get('*/api/orders/o-2', () => problem(401, 'UNAUTHENTICATED')),
    );
    await expect(getJson('/api/orders/o-1?waitFor=fund-f%3A3')).resolves.toEqual({ orderId: 'o-1', status: 'open' });
    expect(authorization).toBe('Bearer token-a');
    await expect(getJson('/api/orders/o-2')).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(ended).toHaveBeenCalledOnce();
  });
});

describe('the stored session', () => {
  it('survives a reload until it expires', () => {
    saveSession(investorSession('inv-1', 1));
    expect(loadSession()?.investorId).toBe('inv-1');
    expect(loadSession(new Date(Date.now() + 2 * 60_000))).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });
});
