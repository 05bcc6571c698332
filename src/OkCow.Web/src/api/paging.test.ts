import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../test/server';
import { api } from './endpoints';

const fund = (fundId: string, createdAt: string) => ({ fundId, name: fundId, basePrice: 10_000, createdAt });

describe('lists (SPEC §7)', () => {
  it('walks the pages with their continuation tokens and shows the funds oldest first', async () => {
    const asked: URLSearchParams[] = [];
    server.use(
      http.get('*/api/funds', ({ request }) => {
        const query = new URL(request.url).searchParams;
        asked.push(query);
        return query.get('continuationToken') === 'page-2'
          ? HttpResponse.json({ items: [fund('b', '2026-03-01T00:00:00Z')], continuationToken: null, hasMore: false })
          : HttpResponse.json({ items: [fund('a', '2026-03-02T00:00:00Z')], continuationToken: 'page-2', hasMore: true });
      }),
    );

    const funds = await api.funds();

    expect(funds.map((f) => f.fundId)).toEqual(['b', 'a']);
    expect(asked.map((q) => [q.get('take'), q.get('continuationToken')])).toEqual([
      ['200', null],
      ['200', 'page-2'],
    ]);
  });

  it('gives the NAV history of every page as one series', async () => {
    const point = (at: string, nav: number) => ({ at, nav, netAssets: 0, unitsOutstanding: 0, cash: 0, mcpi: 100 });
    server.use(
      http.get('*/api/funds/f1/nav-history', ({ request }) =>
        new URL(request.url).searchParams.get('continuationToken') === 't'
          ? HttpResponse.json({ items: [point('2026-03-02T00:00:00Z', 2)], continuationToken: null, hasMore: false })
          : HttpResponse.json({ items: [point('2026-03-01T00:00:00Z', 1)], continuationToken: 't', hasMore: true }),
      ),
    );

    const history = await api.navHistory('f1');

    expect(history.fundId).toBe('f1');
    expect(history.points.map((p) => p.nav)).toEqual([1, 2]);
  });
});
