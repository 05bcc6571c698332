import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../test/server';
import { hasLanded, waitForLanding, waitingLocation } from './landing';
import type { Receipt } from './types';

const receipt = (location: string | null, streamId = 'investor-1', version = 3): Receipt => ({ status: 202, location, body: { streamId, version } });

describe('hasLanded', () => {
  it('trusts the versions a view says it includes', () => {
    expect(hasLanded({ versions: { 'investor-1': 2 } }, receipt('/x'), undefined)).toBe(false);
    expect(hasLanded({ versions: { 'investor-1': 3 } }, receipt('/x'), undefined)).toBe(true);
    expect(hasLanded({ versions: { 'investor-2': 9 } }, receipt('/x'), undefined)).toBe(false);
  });

  it('waits while a status resource is pending', () => {
    expect(hasLanded({ status: 'pending' }, receipt('/x'), undefined)).toBe(false);
    expect(hasLanded({ status: 'pending', versions: { 'investor-1': 3 } }, receipt('/x'), undefined)).toBe(false);
    expect(hasLanded({ status: 'completed', versions: { 'investor-1': 3 } }, receipt('/x'), undefined)).toBe(true);
    expect(hasLanded({ status: 'rejected', code: 'INSUFFICIENT_CASH' }, receipt('/x'), undefined)).toBe(true);
    expect(hasLanded({ status: 'open' }, receipt('/x'), undefined)).toBe(true);
  });

  it('without versions, counts a view that changed since the write as landed', () => {
    expect(hasLanded({ availableCash: 0 }, receipt('/x'), { availableCash: 0 })).toBe(false);
    expect(hasLanded({ availableCash: 5 }, receipt('/x'), { availableCash: 0 })).toBe(true);
  });
});

describe('waitingLocation', () => {
  it('asks the API to wait for the version the command wrote', () => {
    expect(waitingLocation(receipt('/api/orders/o1', 'investor-1', 4))).toBe('/api/orders/o1?waitFor=investor-1%3A4');
    expect(waitingLocation(receipt(null))).toBeNull();
  });
});

describe('waitForLanding', () => {
  it('polls the Location through 404 and pending until the write shows', async () => {
    const answers = [
      () => HttpResponse.json({ code: 'NOT_FOUND' }, { status: 404 }),
      () => HttpResponse.json({ status: 'pending' }),
      () => HttpResponse.json({ status: 'completed', units: 100 }),
    ];
    let calls = 0;
    server.use(http.get('*/api/subscriptions/s1', () => answers[Math.min(calls++, 2)]!()));
    await expect(waitForLanding(receipt('/api/subscriptions/s1'), { intervalMs: 1 })).resolves.toBe('landed');
    expect(calls).toBe(3);
  });

  it('gives up after its timeout when the view never changes', async () => {
    server.use(http.get('*/api/funds/f1', () => HttpResponse.json({ cash: 1 })));
    await expect(waitForLanding(receipt('/api/funds/f1'), { intervalMs: 1, timeoutMs: 20, before: { cash: 1 } })).resolves.toBe('timedOut');
  });

  it('passes on a refusal other than 404', async () => {
    server.use(http.get('*/api/orders/o1', () => HttpResponse.json({ code: 'FORBIDDEN' }, { status: 403 })));
    await expect(waitForLanding(receipt('/api/orders/o1'), { intervalMs: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
