import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { investorSession, renderApp } from '../../test/render';
import { problem, server } from '../../test/server';

const B = 'b0000000-0000-0000-0000-00000000000b';
const F = 'f0000000-0000-0000-0000-00000000000f';
const O = '00000000-0000-0000-0000-0000000000e1';

// SPEC 3 after step 5: never traded, NAV 11,000, so the band is 7,700–14,300.
const fund = {
  fundId: F,
  name: 'F',
  basePrice: 10_000,
  createdAt: '2026-03-02T00:00:00Z',
  cash: 880_000,
  unitsOutstanding: 180,
  properties: [],
  netAssets: 1_980_000,
  nav: 11_000,
  currentPrice: 11_000,
  lastTradePrice: null,
  tradingValueToday: 0,
  halted: false,
  mcpi: 110,
};

function marketRoutes(book: { bids: unknown[]; asks: unknown[] }) {
  return [
    http.get(`*/api/funds/${F}`, () => HttpResponse.json(fund)),
    http.get(`*/api/funds/${F}/orderbook`, () => HttpResponse.json({ fundId: F, ...book })),
  ];
}

describe('a fund and its order book', () => {
  it('shows the fund figures, the band and both sides of the book', async () => {
    server.use(...marketRoutes({ bids: [{ price: 12_100, quantity: 10, orderCount: 1 }], asks: [{ price: 12_000, quantity: 20, orderCount: 1 }] }));
    renderApp(`/market/${F}`);
    expect(await screen.findByRole('group', { name: '기준가(NAV)' })).toHaveTextContent('₩11,000.00');
    expect(screen.getByRole('group', { name: '순자산' })).toHaveTextContent('₩1,980,000');
    expect(screen.getByText('가격 제한폭 ₩7,700 – ₩14,300')).toBeInTheDocument();
    const bids = await screen.findByRole('table', { name: '매수 호가' });
    expect(within(bids).getByRole('row', { name: /₩12,100/ })).toHaveTextContent('10');
    const asks = screen.getByRole('table', { name: '매도 호가' });
    expect(within(asks).getByRole('row', { name: /₩12,000/ })).toHaveTextContent('20');
    expect(screen.getByText('거래하려면 투자자로 로그인하세요.')).toBeInTheDocument();
  });

  it('places an order, lists it with its status and cancels it', async () => {
    let status = 'open';
    let placed: unknown;
    server.use(
      ...marketRoutes({ bids: [], asks: [] }),
      http.post(`*/api/funds/${F}/orders`, async ({ request }) => {
        placed = await request.json();
        return HttpResponse.json({ orderId: O, fundId: F, investorId: B, streamId: `orderbook-${F}`, version: 7 }, { status: 202, headers: { Location: `/api/orders/${O}` } });
      }),
      http.delete(`*/api/funds/${F}/orders/${O}`, () => {
        status = 'cancelled';
        return HttpResponse.json({ orderId: O, fundId: F, streamId: `orderbook-${F}`, version: 8 }, { status: 202, headers: { Location: `/api/orders/${O}` } });
      }),
      http.get(`*/api/orders/${O}`, () =>
        HttpResponse.json({ orderId: O, status, code: null, investorId: B, fundId: F, side: 'sell', price: 12_000, quantity: 20, filledQuantity: 0, remainingQuantity: 20, placedAt: '2026-03-02T01:00:00Z', updatedAt: '2026-03-02T01:00:00Z' }),
      ),
    );
    renderApp(`/market/${F}`, investorSession(B));
    const form = await screen.findByRole('region', { name: '주문하기' });
    await userEvent.click(within(form).getByText('매도'));
    await userEvent.type(within(form).getByLabelText('가격'), '12000');
    await userEvent.type(within(form).getByLabelText('수량'), '20');
    await userEvent.click(within(form).getByRole('button', { name: '매도' }));
    const order = await screen.findByRole('article', { name: '주문 매도 ₩12,000 × 20' });
    expect(placed).toEqual({ investorId: B, side: 'sell', price: 12_000, quantity: 20 });
    expect(await within(order).findByText('미체결')).toBeInTheDocument();
    await userEvent.click(within(order).getByRole('button', { name: '주문 취소' }));
    expect(await within(order).findByText('취소됨')).toBeInTheDocument();
  });

  it('explains a price off the tick in Korean, and in English once chosen', async () => {
    server.use(...marketRoutes({ bids: [], asks: [] }), http.post(`*/api/funds/${F}/orders`, () => problem(422, 'INVALID_TICK')));
    renderApp(`/market/${F}`, investorSession(B));
    const form = await screen.findByRole('region', { name: '주문하기' });
    await userEvent.type(within(form).getByLabelText('가격'), '12050');
    await userEvent.type(within(form).getByLabelText('수량'), '1');
    await userEvent.click(within(form).getByRole('button', { name: '매수' }));
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('호가 단위가 맞지 않습니다. 가격은 100원 단위여야 합니다.');
    expect(alert).toHaveTextContent('INVALID_TICK');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '언어' }), 'en');
    expect(await within(form).findByRole('alert')).toHaveTextContent('Off the tick: prices must be a multiple of ₩100.');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ko');
  });

  it('shows a saga refusal from the status resource in words', async () => {
    const S = '00000000-0000-0000-0000-0000000000s1'.replace('s1', '51');
    localStorage.setItem(`okcow.activity.${B}`, JSON.stringify([{ kind: 'subscription', id: S, fundId: F, at: '2026-03-02T00:00:00Z' }]));
    server.use(
      http.get(`*/api/subscriptions/${S}`, () =>
        HttpResponse.json({ subscriptionId: S, status: 'rejected', code: 'AMOUNT_BELOW_NAV', investorId: B, fundId: F, amount: 5_000, units: null, cost: null, nav: null, requestedAt: null, updatedAt: null }),
      ),
    );
    renderApp('/activity', investorSession(B));
    const row = await screen.findByRole('article', { name: /청약/ });
    expect(await within(row).findByText('거절')).toBeInTheDocument();
    expect(within(row).getByText(/신청 금액이 기준가\(NAV\)보다 작습니다.*\(AMOUNT_BELOW_NAV\)/)).toBeInTheDocument();
  });
});
