import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { operatorSession, renderApp } from '../../test/render';
import { server } from '../../test/server';

// The canvas chart does not run in jsdom; the figures around it are what these tests read.
vi.mock('./NavChart', () => ({ default: ({ label }: { label: string }) => <figure aria-label={label} /> }));

const F = 'f0000000-0000-0000-0000-00000000000f';

const fund = {
  fundId: F,
  name: 'F',
  basePrice: 10_000,
  createdAt: '2026-03-02T00:00:00Z',
  cash: 380_000,
  unitsOutstanding: 130,
  properties: [
    { propertyId: 'p1', copyrightCode: 'SONG-1', registrationNumber: 'R-1', musicId: 'M-1', price: 1_000_000, mcpiAtAcquisition: 100, acquiredAt: '2026-03-02T00:01:00Z', value: 920_000 },
  ],
  netAssets: 1_300_000,
  nav: 10_000,
  currentPrice: 12_000,
  lastTradePrice: 12_000,
  tradingValueToday: 120_000,
  halted: true,
  mcpi: 92,
};

describe('operator screens', () => {
  it('shows a fund as of a past instant, rebuilt from the log', async () => {
    let askedAt: string | null = null;
    server.use(
      http.get(`*/api/funds/${F}`, () => HttpResponse.json(fund)),
      http.get(`*/api/funds/${F}/nav-history`, () =>
        HttpResponse.json({ items: [{ at: '2026-03-02T00:05:00Z', nav: 11_000, netAssets: 1_980_000, unitsOutstanding: 180, cash: 880_000, mcpi: 110 }], continuationToken: null, hasMore: false }),
      ),
      http.get(`*/api/funds/${F}/nav`, ({ request }) => {
        askedAt = new URL(request.url).searchParams.get('at');
        return HttpResponse.json({ fundId: F, at: askedAt, cash: 880_000, unitsOutstanding: 180, netAssets: 1_980_000, nav: 11_000, mcpi: 110 });
      }),
    );
    renderApp(`/operations/funds/${F}`, operatorSession());
    expect(await screen.findByRole('group', { name: '펀드 현금' })).toHaveTextContent('₩380,000');
    expect(screen.getByText('거래 정지')).toBeInTheDocument();
    expect(await screen.findByRole('figure', { name: 'NAV 및 순자산 추이' })).toBeInTheDocument();
    const picker = screen.getByLabelText('조회 시각 (KST)');
    await userEvent.clear(picker);
    await userEvent.type(picker, '2026-03-02T09:10:00');
    await userEvent.click(screen.getByRole('button', { name: '이 시각 기준 보기' }));
    const asOf = await screen.findByRole('region', { name: '2026. 03. 02. 09:10:00 KST 기준 (이벤트 로그로 재구성)' });
    expect(askedAt).toBe('2026-03-02T09:10:00+09:00');
    expect(within(asOf).getByRole('group', { name: '기준가(NAV)' })).toHaveTextContent('₩11,000.00');
    expect(within(asOf).getByRole('group', { name: '순자산' })).toHaveTextContent('₩1,980,000');
    expect(within(asOf).getByRole('group', { name: '발행 좌수' })).toHaveTextContent('180');
    expect(screen.getByRole('row', { name: /SONG-1/ })).toHaveTextContent('₩920,000');
  });

  it('shows the reconciliation with both sides and whether they agree', async () => {
    server.use(
      http.get('*/api/reconciliation', () =>
        HttpResponse.json({ investorCash: 1_720_000, fundCash: 380_000, left: 2_100_000, deposits: 2_100_000, withdrawals: 0, royaltyIncome: 18_000, propertyPurchases: 1_000_000, right: 1_118_000, inTransit: 0, openSagas: 0, agrees: false, settled: true, eventsRead: 42, at: '2026-03-02T01:00:00Z' }),
      ),
    );
    renderApp('/operations/reconciliation', operatorSession());
    expect(await screen.findByRole('status', { name: '일치하지 않습니다' })).toHaveTextContent('₩2,100,000 ≠ ₩1,118,000');
    const right = screen.getByRole('region', { name: '오른쪽: 입금 − 출금 + 저작권료 − 저작권 매입' });
    expect(within(right).getByRole('group', { name: '저작권 매입' })).toHaveTextContent('₩1,000,000');
  });

  it('shows the MCPI, its reference and the halt with its end in KST', async () => {
    server.use(http.get('*/api/mcpi', () => HttpResponse.json({ value: 92, at: '2026-03-02T01:00:00Z', referenceValue: 100, halted: true, haltedUntil: '2026-03-02T01:20:00Z' })));
    renderApp('/operations/mcpi', operatorSession());
    expect(await screen.findByRole('group', { name: '현재 지수' })).toHaveTextContent('92.00');
    expect(screen.getByRole('group', { name: '서킷브레이커 기준값' })).toHaveTextContent('100.00');
    expect(screen.getByText('2026. 03. 02. 10:20:00 KST까지 거래 정지')).toBeInTheDocument();
  });

  it('lists every investor with their cash and opens one position', async () => {
    server.use(
      http.get('*/api/investors', () =>
        HttpResponse.json({ skip: 0, take: 50, items: [{ investorId: 'a1', name: 'A', loginId: 'alice', availableCash: 510_000, pendingCash: 0, depositBalance: 510_000, totalValuation: 600_000 }] }),
      ),
      http.get('*/api/investors/a1', () => HttpResponse.json({ investorId: 'a1', name: 'A', loginId: 'alice', registeredAt: '2026-03-02T00:00:00Z' })),
      http.get('*/api/investors/a1/portfolio', () => HttpResponse.json({ investorId: 'a1', availableCash: 510_000, pendingCash: 0, depositBalance: 510_000, tradingValueToday: 0, holdings: [] })),
    );
    renderApp('/operations/investors', operatorSession());
    const row = await screen.findByRole('row', { name: /alice/ });
    expect(row).toHaveTextContent('₩600,000');
    await userEvent.click(within(row).getByRole('link', { name: 'A' }));
    expect(await screen.findByRole('heading', { name: 'A (alice)' })).toBeInTheDocument();
    expect(await screen.findByRole('group', { name: '출금 가능 금액' })).toHaveTextContent('₩510,000');
  });
});
