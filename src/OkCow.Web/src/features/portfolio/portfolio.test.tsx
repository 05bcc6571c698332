import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { investorSession, renderApp } from '../../test/render';
import { problem, server } from '../../test/server';

const C = 'c0000000-0000-0000-0000-00000000000c';
const F = 'f0000000-0000-0000-0000-00000000000f';

// SPEC 3 after step 6, investor C.
const cAfterTrade = {
  investorId: C,
  availableCash: 53_000,
  pendingCash: 0,
  depositBalance: 53_000,
  tradingValueToday: 120_000,
  holdings: [
    {
      fundId: F,
      fundName: 'F',
      units: 40,
      lockedUnits: 0,
      nav: 11_000,
      currentPrice: 12_000,
      navValue: 440_000,
      valuation: 480_000,
      royaltiesReceived: 3_000,
      totalPaid: 450_000,
      totalReceived: 3_000,
      returnRate: -0.0156,
      marketReturnRate: 0.0733,
    },
  ],
};

describe('the portfolio', () => {
  it('shows cash and every holding figure by its label', async () => {
    server.use(http.get(`*/api/investors/${C}/portfolio`, () => HttpResponse.json(cAfterTrade)));
    renderApp('/portfolio', investorSession(C));
    expect(await screen.findByRole('group', { name: '출금 가능 금액' })).toHaveTextContent('₩53,000');
    expect(screen.getByRole('group', { name: '대기금' })).toHaveTextContent('₩0');
    expect(screen.getByRole('group', { name: '오늘 거래대금' })).toHaveTextContent('₩120,000');
    const fund = screen.getByRole('region', { name: 'F' });
    expect(within(fund).getByRole('group', { name: '좌수' })).toHaveTextContent('40');
    expect(within(fund).getByRole('group', { name: 'NAV 평가액' })).toHaveTextContent('₩440,000');
    expect(within(fund).getByRole('group', { name: '평가액' })).toHaveTextContent('₩480,000');
    expect(within(fund).getByRole('group', { name: '받은 저작권료' })).toHaveTextContent('₩3,000');
    expect(within(fund).getByRole('group', { name: '수익률(NAV)' })).toHaveTextContent('-1.56%');
    expect(within(fund).getByRole('group', { name: '수익률(시장가)' })).toHaveTextContent('7.33%');
  });

  it('shows a deposit as pending until the portfolio includes it, then the new figure without a reload', async () => {
    let balance = 0;
    let deposits = 0;
    server.use(
      http.get(`*/api/investors/${C}/portfolio`, () => {
        // The projection catches up one read after the command was accepted.
        const shown = deposits > 0 && balance === 0 ? 0 : balance;
        if (deposits > 0) balance = 500_000;
        return HttpResponse.json({ ...cAfterTrade, holdings: [], availableCash: shown, depositBalance: shown });
      }),
      http.post(`*/api/investors/${C}/deposits`, () => {
        deposits += 1;
        return HttpResponse.json({ investorId: C, streamId: `investor-${C}`, version: 2 }, { status: 202, headers: { Location: `/api/investors/${C}/portfolio` } });
      }),
    );
    renderApp('/portfolio', investorSession(C));
    expect(await screen.findByRole('group', { name: '예치금' })).toHaveTextContent('₩0');
    await userEvent.type(screen.getByLabelText('입금액'), '500000');
    expect(screen.getByLabelText('입금액')).toHaveValue('500,000');
    await userEvent.click(screen.getByRole('button', { name: '입금' }));
    expect(await screen.findByText(`접수됨 — 반영을 기다리는 중 (스트림 investor-${C}, 버전 2)`)).toBeInTheDocument();
    expect(await screen.findByText('반영되었습니다.')).toBeInTheDocument();
    expect(await screen.findByRole('group', { name: '예치금' })).toHaveTextContent('₩500,000');
    expect(deposits).toBe(1);
  });

  it('explains a refused withdrawal', async () => {
    server.use(
      http.get(`*/api/investors/${C}/portfolio`, () => HttpResponse.json(cAfterTrade)),
      http.post(`*/api/investors/${C}/withdrawals`, () => problem(409, 'INSUFFICIENT_CASH')),
    );
    renderApp('/portfolio', investorSession(C));
    await userEvent.type(await screen.findByLabelText('출금액'), '60000');
    await userEvent.click(screen.getByRole('button', { name: '출금' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('출금 가능 금액이 부족합니다');
    expect(alert).toHaveTextContent('INSUFFICIENT_CASH');
  });

  it('refuses a non-whole amount before sending anything', async () => {
    server.use(http.get(`*/api/investors/${C}/portfolio`, () => HttpResponse.json(cAfterTrade)));
    renderApp('/portfolio', investorSession(C));
    await userEvent.click(await screen.findByRole('button', { name: '입금' }));
    expect(await screen.findByText('0보다 큰 정수를 입력하세요.')).toBeInTheDocument();
  });
});
